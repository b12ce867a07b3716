#include "cli/summary_table.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/details_summary.h"
#include "models/core/units.h"
#include "reports/report_format.h"

namespace axsim::cli {

namespace {

std::string percent(double part, double whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%5.1f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return text;
}

std::string fixed(double value, int digits) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}


void row(std::ostream& out, const std::string& key, const std::string& value) {
  char text[160];
  std::snprintf(text, sizeof text, "  %-24s %s\n", key.c_str(), value.c_str());
  out << text;
}

}  // namespace

void print_summary(std::ostream& out, const core::RunResult& result, std::size_t top_layers) {
  const core::RunSummary& s = result.summary;
  out << result.meta.trace_name << " on " << result.meta.config_name << " ("
      << result.meta.kind << ")\n";
  row(out, "latency", core::format_time(core::seconds(s.latency_s)) + "  (" +
                          std::to_string(s.cycles) + " cycles)");
  row(out, "throughput", fixed(s.inferences_per_s, 1) + " inferences/s (batch " +
                             std::to_string(s.batch) + ")");
  row(out, "achieved / peak", reports::format_ops_rate(s.achieved_ops_per_s) + " / " +
                                  reports::format_ops_rate(s.peak_ops_per_s) + "  (" +
                                  percent(s.achieved_ops_per_s, s.peak_ops_per_s) + ")");
  row(out, "energy", core::format_energy(core::joules(s.energy_j)) + "  (average " +
                         core::format_power(core::watts(s.average_power_w)) + ")");
  row(out, "time: compute", percent(s.compute_s, s.latency_s));
  row(out, "time: memory stall", percent(s.memory_s, s.latency_s));
  row(out, "time: other", percent(s.other_s, s.latency_s));
  for (const auto& [level, bytes] : s.bytes) {
    row(out, "bytes: " + level, core::format_bytes(core::bytes(bytes)));
  }
  print_details_summary(out, result.details);

  std::vector<const core::LayerResult*> slowest;
  for (const auto& layer : result.layers) slowest.push_back(&layer);
  std::sort(slowest.begin(), slowest.end(),
            [](const auto* a, const auto* b) { return a->latency_s > b->latency_s; });
  if (slowest.size() > top_layers) slowest.resize(top_layers);
  if (slowest.empty()) return;
  char header[160];
  std::snprintf(header, sizeof header, "  %-28s %-10s %10s %8s %8s %8s\n", "slowest layers", "op",
                "latency", "share", "memory", "util");
  out << header;
  for (const auto* layer : slowest) {
    char line[200];
    std::snprintf(line, sizeof line, "  %-28.28s %-10.10s %10s %8s %8s %8s\n",
                  layer->name.c_str(), layer->op.c_str(),
                  core::format_time(core::seconds(layer->latency_s)).c_str(),
                  percent(layer->latency_s, s.latency_s).c_str(),
                  percent(layer->memory_s, layer->latency_s).c_str(),
                  percent(layer->utilization, 1.0).c_str());
    out << line;
  }
}

}  // namespace axsim::cli
