// ONNX models as axsim traces (format: workloads/FORMAT.md).
//
// The model is read (external data files too), its graph inputs get the shapes the user
// gives, ONNX shape inference runs and constant subgraphs are folded, then every node becomes
// trace layers: convolutions, GEMMs, pooling, normalisation, attention, recurrent layers and
// element-wise work. Shape-only operators cost nothing; batch norms fold into the preceding
// convolution; decomposed layer norms, GELUs and attention blocks are recognised as such.
// Quantized graphs (QDQ, QLinear*, *Integer) keep their integer types and scales; float graphs
// can be quantized on import with scales computed from the weights.
//
// The namespace is not axsim::onnx: that name belongs to the ONNX library's protobuf types.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workloads/trace/trace.h"

namespace axsim::onnx_import {

// What to do with an operator no layer of the trace format describes.
enum class Unsupported {
  error,  // stop with an error naming the node, its op type and inputs
  cpu,    // keep it as a `generic` layer (for a host CPU) and list it in the report
};

enum class QuantTarget {
  none,  // keep the model's types
  int8,  // 8-bit weights and activations
  int4,  // 4-bit weights and activations
  w4a8,  // 4-bit weights, 8-bit activations
};

struct QuantizeOptions {
  QuantTarget target = QuantTarget::none;
  bool per_channel = true;  // one weight scale per output channel, else one per tensor
  bool symmetric = true;    // zero point 0, else a zero point per scale
};

struct ImportOptions {
  std::map<std::string, std::vector<int64_t>> input_shapes;  // graph input -> dims
  QuantizeOptions quantize;
  Unsupported unsupported = Unsupported::error;
};

// One line of the import report: a layer (or node) and what happened to it.
struct ReportLine {
  std::string layer;
  std::string what;
};

struct ImportReport {
  std::vector<ReportLine> higher_precision;  // layers --quantize kept above its target, why
  std::vector<ReportLine> cpu;               // unsupported operators kept as generic layers
  std::vector<ReportLine> notes;             // approximations the translation made
  std::map<std::string, int> fused;          // recognised patterns ("layer norm") -> count
  int folded_batch_norms = 0;
  int folded_nodes = 0;  // constant subgraph nodes evaluated at import
  int graph_nodes = 0;   // nodes in the model as read
};

struct ImportResult {
  trace::Trace trace;  // validated
  ImportReport report;
};

// Throws core::InputError (naming the file, and the node when there is one) for a file that
// is not a readable ONNX model, dynamic input shapes without `input_shapes`, an unsupported
// operator under Unsupported::error, and --quantize on an already quantized graph.
ImportResult import_onnx(const std::string& path, const ImportOptions& options = {});

// The report as text for a terminal: counts, fused patterns, layers kept at higher
// precision and why, operators left to the CPU, notes.
std::string format_report(const ImportResult& result, const std::string& path);

// "name=1x3x224x224" -> {"name", {1, 3, 224, 224}}; core::InputError when malformed.
std::pair<std::string, std::vector<int64_t>> parse_input_shape(const std::string& text);

}  // namespace axsim::onnx_import
