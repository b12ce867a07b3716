#include "workloads/onnx/attributes.h"
#include "workloads/onnx/gemm_emit.h"
#include "workloads/onnx/handlers.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

// A constant [N] (or [1, .., 1, N]) vector read by a single Add right after the product,
// which leaves the product's shape as it is: the bias of a linear layer.
const NodeProto* bias_add(Translator& t, const std::string& product, int64_t n, std::string* bias) {
  const std::vector<const NodeProto*>& readers = t.graph().consumers(product);
  if (readers.size() != 1 || t.graph().is_graph_output(product)) return nullptr;
  const NodeProto* add = readers[0];
  if (add->op_type() != "Add" || add->input_size() != 2 || !add->domain().empty() ||
      !t.can_absorb(*add)) {
    return nullptr;
  }
  const std::string& other = add->input(0) == product ? add->input(1) : add->input(0);
  if (other == product || !t.is_constant(other) || t.is_activation(other)) return nullptr;
  const std::optional<std::vector<int64_t>> dims = t.graph().known_shape(other);
  if (!dims || dims->empty() || dims->back() != n || element_count(*dims) != n) return nullptr;
  if (t.graph().known_shape(add->output(0)) != t.graph().known_shape(product)) return nullptr;
  *bias = other;
  return add;
}

WeightData as_vector(WeightData w, int64_t n) {
  w.tensor.shape = {n};
  w.tensor.quant.axis = 0;
  if (w.values) {
    Constant flat = *w.values;
    flat.dims = {n};
    w.values = std::make_shared<const Constant>(std::move(flat));
  }
  return w;
}

std::string emit_linear(Translator& t, const NodeProto& node, const trace::InputRef& a,
                        const WeightData& w, std::optional<WeightData> bias, trace::Tensor output,
                        bool fold_bias_add) {
  const int64_t n = w.tensor.shape.at(0);
  std::string bias_name;
  const NodeProto* add = nullptr;
  if (!bias && fold_bias_add) {
    add = bias_add(t, output_name(node, 0), n, &bias_name);
    if (add != nullptr) {
      bias = as_vector(t.weight(bias_name, "bias"), n);
      output = t.tensor_of(add->output(0), *add);
    }
  }
  Layer layer;
  layer.op = Op::linear;
  layer.inputs = {a};
  layer.weights = {{"weight", w.tensor}};
  std::vector<std::shared_ptr<const Constant>> values = {w.values};
  if (bias) {
    layer.weights.push_back({"bias", bias->tensor});
    values.push_back(bias->values);
  }
  layer.output = std::move(output);
  const std::string name = t.add_layer(std::move(layer), node, "", values);
  t.bind_output(output_name(node, 0), name);
  if (add != nullptr) {
    t.absorb(*add);
    t.bind_output(add->output(0), name);
  }
  return name;
}

// A rank-1 operand as a matrix: a row on the left, a column on the right.
Value as_matrix(Translator& t, const Value& v, bool left, const NodeProto& node) {
  const std::vector<int64_t>& s = v.tensor.shape;
  if (s.size() >= 2) return v;
  if (s.size() != 1) throw NotSupported("a matrix product of a scalar");
  return t.reshape(v, left ? std::vector<int64_t>{1, s[0]} : std::vector<int64_t>{s[0], 1}, node,
                   left ? "a_as_matrix" : "b_as_matrix");
}

std::vector<int64_t> matmul_shape(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  std::vector<int64_t> batch(a.begin(), a.end() - 2);
  const std::vector<int64_t> other(b.begin(), b.end() - 2);
  if (other.size() > batch.size()) batch.insert(batch.begin(), other.size() - batch.size(), 1);
  const size_t offset = batch.size() - other.size();
  for (size_t i = 0; i < other.size(); ++i) {
    if (batch[offset + i] == 1) batch[offset + i] = other[i];
  }
  batch.push_back(a[a.size() - 2]);
  batch.push_back(b.back());
  return batch;
}

// Adds Gemm's C after the product when it is not a bias vector.
void add_c(Translator& t, const NodeProto& node, const std::string& product, const std::string& c) {
  Layer layer;
  layer.op = Op::elementwise;
  layer.attrs.function = "add";
  layer.inputs = {{product, t.layer(product).output}};
  std::vector<std::shared_ptr<const Constant>> values;
  if (t.is_constant(c) && !t.is_activation(c)) {
    const WeightData w = t.weight(c, "C");
    layer.weights = {{"c", w.tensor}};
    values = {w.values};
  } else {
    layer.inputs.push_back(t.input(c, node));
  }
  layer.output = t.tensor_of(output_name(node, 0), node);
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, "add_c", values));
}

WeightData scaled(WeightData w, double factor) {
  if (factor == 1.0 || !w.values || !w.values->is_real()) return w;
  Constant c = *w.values;
  for (double& v : c.reals) v *= factor;
  w.values = std::make_shared<const Constant>(std::move(c));
  return w;
}

void gemm(Translator& t, const NodeProto& node) {
  const double alpha = attr_float(node, "alpha", 1.0), beta = attr_float(node, "beta", 1.0);
  Value a = t.value(input_name(node, 0), node);
  if (a.tensor.shape.size() != 2) throw NotSupported("Gemm needs a 2-D A");
  if (attr_int(node, "transA", 0) != 0) {
    a = t.reshape(a, {a.tensor.shape[1], a.tensor.shape[0]}, node, "transpose_a");
  }
  const std::string& b = input_name(node, 1);
  const std::string& c = input_name(node, 2);
  const bool trans_b = attr_int(node, "transB", 0) != 0;
  const trace::Tensor out = t.tensor_of(output_name(node, 0), node);
  const int64_t n = out.shape.at(1);
  std::string product;
  bool c_done = c.empty();
  if (t.is_constant(b) && !t.is_activation(b)) {
    WeightData w = t.weight(b, "weights");
    if (!trans_b) w = transposed(w);
    std::optional<WeightData> bias;
    std::optional<std::vector<int64_t>> c_dims;
    if (!c.empty()) c_dims = t.graph().known_shape(c);
    if (!c.empty() && t.is_constant(c) && c_dims && !c_dims->empty() && c_dims->back() == n &&
        element_count(*c_dims) == n) {
      bias = scaled(as_vector(t.weight(c, "C"), n), beta);
      c_done = true;
    }
    trace::Tensor linear_out = out;
    product = emit_linear(t, node, {a.from, a.tensor}, scaled(w, alpha), bias, linear_out, c_done);
  } else {
    Value bv = t.value(b, node);
    if (trans_b) {
      bv = t.reshape(bv, {bv.tensor.shape.at(1), bv.tensor.shape.at(0)}, node, "transpose_b");
    }
    Layer layer;
    layer.op = Op::matmul;
    layer.inputs = {{a.from, a.tensor}, {bv.from, bv.tensor}};
    layer.output = out;
    product = t.add_layer(std::move(layer), node, "");
    t.bind_output(output_name(node, 0), product);
  }
  if (!c_done) add_c(t, node, product, c);
}

void matmul(Translator& t, const NodeProto& node) {
  MatMulParts parts;
  parts.a = input_name(node, 0);
  parts.b = input_name(node, 1);
  parts.output = t.tensor_of(output_name(node, 0), node);
  emit_matmul(t, node, std::move(parts));
}

}  // namespace

WeightData transposed(const WeightData& w) {
  const std::vector<int64_t>& d = w.tensor.shape;
  WeightData out = w;
  out.tensor.shape = {d.at(1), d.at(0)};
  trace::Quantization& q = out.tensor.quant;
  if (q.scheme == trace::QuantScheme::per_channel) q.axis = (q.axis == 1 || q.axis == -1) ? 0 : 1;
  if (w.values) {
    std::vector<int64_t> sources;
    for (int64_t col = 0; col < d[1]; ++col) {
      for (int64_t row = 0; row < d[0]; ++row) sources.push_back(row * d[1] + col);
    }
    Constant c;
    c.elem_type = w.values->elem_type;
    c.dims = out.tensor.shape;
    for (int64_t s : sources) {
      if (w.values->is_real()) {
        c.reals.push_back(w.values->reals[static_cast<size_t>(s)]);
      } else {
        c.ints.push_back(w.values->ints[static_cast<size_t>(s)]);
      }
    }
    out.values = std::make_shared<const Constant>(std::move(c));
  }
  return out;
}

std::string emit_matmul(Translator& t, const NodeProto& node, MatMulParts parts) {
  const std::vector<int64_t> b_shape = t.graph().shape(parts.b, node);
  if (t.is_constant(parts.b) && !t.is_activation(parts.b) && b_shape.size() == 2) {
    trace::InputRef a = t.input(parts.a, node);
    if (a.tensor.shape.empty()) throw NotSupported("a matrix product of a scalar");
    if (parts.a_quant) a.tensor.quant = *parts.a_quant;
    const WeightData b = parts.b_weight ? *parts.b_weight : t.weight(parts.b, "weights");
    return emit_linear(t, node, a, transposed(b), std::nullopt, parts.output, parts.fold_bias_add);
  }
  const Value a = as_matrix(t, t.value(parts.a, node), true, node);
  const Value b = as_matrix(t, t.value(parts.b, node), false, node);
  if (a.padded || b.padded) throw NotSupported("a matrix product of a padded tensor");
  Layer layer;
  layer.op = Op::matmul;
  layer.inputs = {{a.from, a.tensor}, {b.from, b.tensor}};
  if (parts.a_quant) layer.inputs[0].tensor.quant = *parts.a_quant;
  if (parts.b_quant) layer.inputs[1].tensor.quant = *parts.b_quant;
  const std::vector<int64_t> onnx_shape = parts.output.shape;
  layer.output = parts.output;
  layer.output.shape = matmul_shape(a.tensor.shape, b.tensor.shape);
  const std::string name = t.add_layer(std::move(layer), node, "");
  t.bind_as(output_name(node, 0), name, onnx_shape, node);
  return name;
}

void add_gemm_handlers(HandlerMap& map) {
  map["Gemm"] = gemm;
  map["MatMul"] = matmul;
}

}  // namespace axsim::onnx_import
