#include <map>
#include <sstream>

#include "workloads/onnx/onnx_import.h"
#include "workloads/trace/counts.h"

namespace axsim::onnx_import {

namespace {

void list(std::ostringstream& out, const std::string& title, const std::vector<ReportLine>& lines) {
  if (lines.empty()) return;
  out << title << " (" << lines.size() << "):\n";
  for (const ReportLine& line : lines) out << "  " << line.layer << ": " << line.what << "\n";
}

}  // namespace

std::string format_report(const ImportResult& result, const std::string& path) {
  const trace::Trace& t = result.trace;
  const ImportReport& r = result.report;
  const trace::TraceCounts counts = trace::count_trace(t);
  std::map<std::string, int> ops;
  for (const trace::Layer& layer : t.layers) ++ops[trace::op_name(layer.op)];
  std::ostringstream out;
  out << path << ": " << r.graph_nodes << " ONNX nodes -> " << t.layers.size() << " layers (";
  bool first = true;
  for (const auto& [op, n] : ops) {
    out << (first ? "" : ", ") << n << " " << op;
    first = false;
  }
  out << "), " << counts.params << " parameters, " << counts.macs << " MACs\n";
  out << "folded: " << r.folded_nodes << " constant nodes, " << r.folded_batch_norms
      << " batch norms into convolutions\n";
  if (!r.fused.empty()) {
    out << "recognised:";
    first = true;
    for (const auto& [kind, n] : r.fused) {
      out << (first ? " " : ", ") << n << " " << kind;
      first = false;
    }
    out << "\n";
  }
  list(out, "kept at higher precision", r.higher_precision);
  list(out, "left to the host CPU", r.cpu);
  list(out, "notes", r.notes);
  return out.str();
}

}  // namespace axsim::onnx_import
