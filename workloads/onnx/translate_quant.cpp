#include "workloads/onnx/attributes.h"
#include "workloads/onnx/conv_emit.h"
#include "workloads/onnx/gemm_emit.h"
#include "workloads/onnx/handlers.h"
#include "workloads/onnx/types.h"

namespace axsim::onnx_import {

namespace {

// Quantization from a scale and an optional zero point of a tensor stored as `elem_type`;
// nothing when the scale is computed at run time (DynamicQuantizeLinear).
std::optional<trace::Quantization> read_quant(const Translator& t, const std::string& scale,
                                              const std::string& zero_point, int64_t axis,
                                              int32_t elem_type) {
  const std::shared_ptr<const Constant> s = scale.empty() ? nullptr : t.constant(scale);
  if (!s) return std::nullopt;
  const std::shared_ptr<const Constant> z = zero_point.empty() ? nullptr : t.constant(zero_point);
  return make_quantization(*s, z.get(), axis, storage_type(elem_type).zero_shift);
}

int64_t quant_axis(const Translator& t, const NodeProto& node, const std::string& tensor) {
  const int64_t axis = attr_int(node, "axis", 1);
  const std::optional<std::vector<int64_t>> shape = t.graph().known_shape(tensor);
  const int64_t rank = shape ? static_cast<int64_t>(shape->size()) : 0;
  return axis < 0 ? axis + rank : axis;
}

trace::Tensor stored_as(int32_t elem_type, const std::optional<trace::Quantization>& quant) {
  const StorageType type = storage_type(elem_type);
  trace::Tensor t;
  t.dtype = type.dtype;
  t.bits = type.bits;
  if (quant) t.quant = *quant;
  return t;
}

// QuantizeLinear: the tensor is stored quantized from here on. On an activation the producer
// of the tensor writes it in that type; on a constant it is a quantized weight.
void quantize_linear(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  const std::string& x = input_name(node, 0);
  const std::string& y = output_name(node, 0);
  const int32_t type = t.graph().elem_type(y);
  const trace::Tensor stored = stored_as(
      type, read_quant(t, input_name(node, 1), input_name(node, 2), quant_axis(t, node, x), type));
  if (t.is_constant(x) && !t.is_activation(x)) {
    WeightData w = t.weight(x, "quantized constants");
    w.tensor.dtype = stored.dtype;
    w.tensor.bits = stored.bits;
    w.tensor.quant = stored.quant;
    w.quantized = true;
    t.bind_weight(y, w);
    return;
  }
  Value v = t.value(x, node);
  t.set_produced_type(v.from, stored);
  v.tensor.dtype = stored.dtype;
  v.tensor.bits = stored.bits;
  v.tensor.quant = stored.quant;
  t.bind(y, v);
}

// DequantizeLinear: the reader computes with the stored integers and their scale, so the
// value stays the integer tensor, now with its quantization known.
void dequantize_linear(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  const std::string& x = input_name(node, 0);
  const std::optional<trace::Quantization> quant = read_quant(
      t, input_name(node, 1), input_name(node, 2), quant_axis(t, node, x), t.graph().elem_type(x));
  if (t.is_constant(x) && !t.is_activation(x)) {
    WeightData w = t.weight(x, "quantized constants");
    if (quant) w.tensor.quant = *quant;
    w.quantized = true;
    t.bind_weight(output_name(node, 0), w);
    return;
  }
  Value v = t.value(x, node);
  if (quant) v.tensor.quant = *quant;
  t.bind(output_name(node, 0), v);
}

void dynamic_quantize_linear(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  Value v = t.value(input_name(node, 0), node);
  const trace::Tensor stored = stored_as(t.graph().elem_type(output_name(node, 0)), std::nullopt);
  t.set_produced_type(v.from, stored);
  v.tensor.dtype = stored.dtype;
  v.tensor.bits = stored.bits;
  v.tensor.quant = {};
  t.bind(output_name(node, 0), v);
  t.note(node, "its scale is computed at run time: the tensor is stored as " +
                   std::string(trace::dtype_name(stored.dtype)) + " without a fixed scale");
}

WeightData quantized_weight(const Translator& t, const std::string& name,
                            const std::optional<trace::Quantization>& quant) {
  WeightData w = t.weight(name, "quantized weights");
  w.quantized = true;
  if (quant) w.tensor.quant = *quant;
  return w;
}

void qlinear_conv(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  const auto in = [&node](int i) -> const std::string& { return input_name(node, i); };
  ConvParts parts;
  parts.x = in(0);
  const std::optional<trace::Quantization> x_quant =
      read_quant(t, in(1), in(2), 1, t.graph().elem_type(in(0)));
  parts.input_quant = x_quant;
  parts.weight =
      quantized_weight(t, in(3), read_quant(t, in(4), in(5), 0, t.graph().elem_type(in(3))));
  if (!in(8).empty()) {
    parts.bias = quantized_weight(t, in(8), std::nullopt);
    // An int32 bias is stored in the accumulator's scale: input scale times weight scale.
    const trace::Quantization& wq = parts.weight.tensor.quant;
    if (x_quant && !wq.scale.empty()) {
      trace::Quantization bq;
      bq.scheme = wq.scheme;
      bq.axis = 0;
      for (double s : wq.scale) bq.scale.push_back(s * x_quant->scale.at(0));
      parts.bias->tensor.quant = bq;
    }
  }
  const std::string& y = output_name(node, 0);
  parts.output = t.tensor_of(y, node);
  if (auto q = read_quant(t, in(6), in(7), 1, t.graph().elem_type(y))) parts.output.quant = *q;
  emit_conv(t, node, std::move(parts));
}

// ConvInteger and MatMulInteger carry zero points but no scales: integer types without a
// scale, accumulating into int32.
void conv_integer(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  ConvParts parts;
  parts.x = input_name(node, 0);
  parts.weight = quantized_weight(t, input_name(node, 1), std::nullopt);
  parts.output = t.tensor_of(output_name(node, 0), node);
  emit_conv(t, node, std::move(parts));
}

void qlinear_matmul(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  const auto in = [&node](int i) -> const std::string& { return input_name(node, i); };
  MatMulParts parts;
  parts.a = in(0);
  parts.b = in(3);
  parts.a_quant = read_quant(t, in(1), in(2), 1, t.graph().elem_type(in(0)));
  // B's scales, when per column, run along its last axis: the output channels.
  const std::optional<std::vector<int64_t>> b_shape = t.graph().known_shape(in(3));
  const int64_t b_axis = b_shape ? static_cast<int64_t>(b_shape->size()) - 1 : 1;
  parts.b_quant = read_quant(t, in(4), in(5), b_axis, t.graph().elem_type(in(3)));
  if (t.is_constant(in(3)) && !t.is_activation(in(3))) {
    parts.b_weight = quantized_weight(t, in(3), parts.b_quant);
  }
  const std::string& y = output_name(node, 0);
  parts.output = t.tensor_of(y, node);
  if (auto q = read_quant(t, in(6), in(7), 1, t.graph().elem_type(y))) parts.output.quant = *q;
  parts.fold_bias_add = false;
  emit_matmul(t, node, std::move(parts));
}

void matmul_integer(Translator& t, const NodeProto& node) {
  t.mark_quantized_graph();
  MatMulParts parts;
  parts.a = input_name(node, 0);
  parts.b = input_name(node, 1);
  if (t.is_constant(parts.b) && !t.is_activation(parts.b)) {
    parts.b_weight = quantized_weight(t, parts.b, std::nullopt);
  }
  parts.output = t.tensor_of(output_name(node, 0), node);
  parts.fold_bias_add = false;
  emit_matmul(t, node, std::move(parts));
}

}  // namespace

void add_quant_handlers(HandlerMap& map) {
  map["QuantizeLinear"] = quantize_linear;
  map["DequantizeLinear"] = dequantize_linear;
  map["DynamicQuantizeLinear"] = dynamic_quantize_linear;
  map["QLinearConv"] = qlinear_conv;
  map["ConvInteger"] = conv_integer;
  map["QLinearMatMul"] = qlinear_matmul;
  map["MatMulInteger"] = matmul_integer;
}

}  // namespace axsim::onnx_import
