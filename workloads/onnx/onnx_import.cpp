#include "workloads/onnx/onnx_import.h"

#include <charconv>
#include <filesystem>

#include "models/core/error.h"
#include "workloads/onnx/graph.h"
#include "workloads/onnx/model_file.h"
#include "workloads/onnx/model_prepare.h"
#include "workloads/onnx/quantize.h"
#include "workloads/onnx/translator.h"
#include "workloads/trace/validate.h"

namespace axsim::onnx_import {

namespace {

std::string describe_model(const ::onnx::ModelProto& model, const trace::Trace& trace,
                           const std::string& path, int opset) {
  std::string text = "imported from ONNX model " + std::filesystem::path(path).filename().string() +
                     " (IR " + std::to_string(model.ir_version()) + ", opset " +
                     std::to_string(opset);
  if (!model.producer_name().empty()) {
    text += ", from " + model.producer_name();
    if (!model.producer_version().empty()) text += " " + model.producer_version();
  }
  text += ")";
  for (const trace::GraphInput& in : trace.inputs)
    text += "; input " + in.name + " " + shape_text(in.tensor.shape);
  return text;
}

}  // namespace

ImportResult import_onnx(const std::string& path, const ImportOptions& options) {
  ImportResult result;
  ::onnx::ModelProto model = read_model(path);
  result.report.graph_nodes = model.graph().node_size();
  const Graph graph(prepare_model(std::move(model), options.input_shapes, path), path);
  result.report.folded_nodes = graph.folded_nodes();
  Translator translator(graph, options, result.report);
  result.trace = translator.run();
  result.trace.name = std::filesystem::path(path).stem().string();
  result.trace.description = describe_model(graph.model(), result.trace, path, graph.opset());
  if (!result.trace.inputs.empty() && result.trace.inputs.front().tensor.shape.size() >= 2) {
    result.trace.batch = result.trace.inputs.front().tensor.shape.front();
  }
  if (options.quantize.target != QuantTarget::none) {
    if (translator.quantized_graph()) {
      throw core::InputError(
          path +
          ": the model is already quantized (it has QuantizeLinear, "
          "DequantizeLinear or integer operators); import it without --quantize");
    }
    quantize_trace(result.trace, translator.all_weight_values(), options.quantize, result.report);
  }
  try {
    trace::validate_trace(result.trace, path);
  } catch (const core::InputError& e) {
    // ONNX's lenient shape inference lets some inconsistent models through (weights that do
    // not match their input); the trace's rules catch them here.
    throw core::InputError(std::string(e.what()) +
                           " (the model's layers do not fit together as imported)");
  }
  return result;
}

std::pair<std::string, std::vector<int64_t>> parse_input_shape(const std::string& text) {
  const size_t equals = text.rfind('=');
  const std::string usage = "--input-shape '" + text + "': expected name=dims, e.g. x=1x3x224x224";
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    throw core::InputError(usage);
  }
  std::vector<int64_t> dims;
  const std::string list = text.substr(equals + 1);
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find('x', start), list.size());
    int64_t d = 0;
    const auto [ptr, error] = std::from_chars(list.data() + start, list.data() + end, d);
    if (error != std::errc() || ptr != list.data() + end || d < 1) {
      throw core::InputError(usage + " (each dimension a positive integer)");
    }
    dims.push_back(d);
    start = end + 1;
  }
  return {text.substr(0, equals), dims};
}

}  // namespace axsim::onnx_import
