#include "workloads/onnx/attributes.h"
#include "workloads/onnx/handlers.h"
#include "workloads/onnx/norm_emit.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

void softmax(Translator& t, const NodeProto& node) {
  Layer layer;
  layer.op = Op::softmax;
  // Before opset 13 the default axis was 1 (and the input was seen as 2-D from it on, which
  // normalises the same number of elements per row as the trace's axis does).
  layer.attrs.axis = attr_int(node, "axis", t.opset() < 13 ? 1 : -1);
  layer.inputs = {t.input(input_name(node, 0), node)};
  layer.output = t.tensor_of(output_name(node, 0), node);
  if (node.op_type() == "LogSoftmax") t.note(node, "counted as a softmax");
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, ""));
}

void layer_norm(Translator& t, const NodeProto& node) {
  for (int k = 1; k < node.output_size(); ++k) {
    if (!node.output(k).empty() && !t.graph().consumers(node.output(k)).empty()) {
      throw NotSupported("the mean and inverse standard deviation outputs are not supported");
    }
  }
  emit_layer_norm(t, node, input_name(node, 0), attr_int(node, "axis", -1), input_name(node, 1),
                  input_name(node, 2), output_name(node, 0));
}

WeightData as_row(Translator& t, const std::string& name, int64_t row, const char* what) {
  WeightData w = t.weight(name, std::string("layer norm ") + what);
  if (element_count(w.tensor.shape) != row) {
    throw NotSupported(std::string("a layer norm ") + what + " of shape " +
                       shape_text(w.tensor.shape) + " for rows of " + std::to_string(row));
  }
  w.tensor.shape = {row};
  w.tensor.quant.axis = 0;
  if (w.values) {
    Constant flat = *w.values;
    flat.dims = {row};
    w.values = std::make_shared<const Constant>(std::move(flat));
  }
  return w;
}

}  // namespace

void emit_layer_norm(Translator& t, const NodeProto& node, const std::string& x, int64_t axis,
                     const std::string& gain, const std::string& bias, const std::string& out) {
  const Value v = t.value(x, node);
  const std::vector<int64_t>& s = v.tensor.shape;
  const int64_t rank = static_cast<int64_t>(s.size());
  if (axis < -rank || axis >= rank)
    throw NotSupported("axis " + std::to_string(axis) + " outside the input");
  const size_t from = static_cast<size_t>(axis < 0 ? axis + rank : axis);
  std::vector<int64_t> rows(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(from));
  const int64_t row = element_count({s.begin() + static_cast<std::ptrdiff_t>(from), s.end()});
  rows.push_back(row);
  const Value flat = t.reshape(v, rows, node, "rows");
  Layer layer;
  layer.op = Op::layer_norm;
  layer.inputs = {{flat.from, flat.tensor}};
  std::vector<std::shared_ptr<const Constant>> values;
  if (!gain.empty()) {
    const WeightData w = as_row(t, gain, row, "gain");
    layer.weights.push_back({"gain", w.tensor});
    values.push_back(w.values);
  }
  if (!bias.empty()) {
    if (gain.empty()) throw NotSupported("a layer norm with a bias but no gain");
    const WeightData w = as_row(t, bias, row, "bias");
    layer.weights.push_back({"bias", w.tensor});
    values.push_back(w.values);
  }
  const trace::Tensor onnx_out = t.tensor_of(out, node);
  layer.output = onnx_out;
  layer.output.shape = rows;
  t.bind_as(out, t.add_layer(std::move(layer), node, "", values), onnx_out.shape, node);
}

void add_norm_handlers(HandlerMap& map) {
  map["Softmax"] = softmax;
  map["LogSoftmax"] = softmax;
  map["LayerNormalization"] = layer_norm;
}

}  // namespace axsim::onnx_import
