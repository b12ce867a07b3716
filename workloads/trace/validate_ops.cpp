#include <algorithm>
#include <cstdint>

#include "workloads/trace/validate_support.h"

namespace axsim::trace {

void require_attr_range(const LayerCheck& c, const std::string& what, int64_t value, int64_t min) {
  if (value < min || value > kMaxDimension) {
    c.fail(what + " " + std::to_string(value) + " must be " + std::to_string(min) + " to " +
           std::to_string(kMaxDimension));
  }
}

void check_bias(const LayerCheck& c, int64_t channels) {
  if (c.layer().weights.size() < 2) return;
  const Tensor& bias = c.layer().weights[1].tensor;
  if (bias.shape != std::vector<int64_t>{channels}) {
    c.fail("bias weights[1] shape " + shape_string(bias.shape) + " must be [" +
           std::to_string(channels) + "]");
  }
}

namespace {

const Tensor& in0(const LayerCheck& c) { return c.layer().inputs[0].tensor; }

// Numpy broadcasting: shapes align at the right, each dimension pair equal or one of them 1.
bool broadcast(std::vector<int64_t>& acc, const std::vector<int64_t>& shape) {
  if (shape.size() > acc.size()) acc.insert(acc.begin(), shape.size() - acc.size(), 1);
  const size_t offset = acc.size() - shape.size();
  for (size_t i = 0; i < shape.size(); ++i) {
    int64_t& d = acc[offset + i];
    if (d == shape[i] || shape[i] == 1) continue;
    if (d != 1) return false;
    d = shape[i];
  }
  return true;
}

void check_matmul(const LayerCheck& c) {
  c.require_inputs(2, 2);
  c.require_weights(0, 0);
  const Tensor& a = c.layer().inputs[0].tensor;
  const Tensor& b = c.layer().inputs[1].tensor;
  c.require_rank(a, "inputs[0]", 2, SIZE_MAX);
  c.require_rank(b, "inputs[1]", 2, SIZE_MAX);
  const int64_t m = a.shape[a.shape.size() - 2];
  const int64_t k = a.shape.back();
  const int64_t kb = b.shape[b.shape.size() - 2];
  const int64_t n = b.shape.back();
  if (k != kb) {
    c.fail("inner dimensions differ: inputs[0] " + shape_string(a.shape) +
           " has K=" + std::to_string(k) + ", inputs[1] " + shape_string(b.shape) +
           " has K=" + std::to_string(kb));
  }
  std::vector<int64_t> batch(a.shape.begin(), a.shape.end() - 2);
  if (!broadcast(batch, {b.shape.begin(), b.shape.end() - 2})) {
    c.fail("batch dimensions of " + shape_string(a.shape) + " and " + shape_string(b.shape) +
           " do not broadcast");
  }
  batch.push_back(m);
  batch.push_back(n);
  c.require_output(batch, shape_string(a.shape) + " x " + shape_string(b.shape));
}

void check_linear(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(1, 2);
  const Tensor& x = in0(c);
  const Tensor& w = c.layer().weights[0].tensor;
  c.require_rank(x, "input", 1, SIZE_MAX);
  c.require_rank(w, "weights[0]", 2, 2);
  if (x.shape.back() != w.shape[1]) {
    c.fail("inner dimensions differ: input " + shape_string(x.shape) +
           " has K=" + std::to_string(x.shape.back()) + ", weights[0] [N, K] " +
           shape_string(w.shape) + " has K=" + std::to_string(w.shape[1]));
  }
  check_bias(c, w.shape[0]);
  std::vector<int64_t> out(x.shape.begin(), x.shape.end() - 1);
  out.push_back(w.shape[0]);
  c.require_output(out,
                   "input " + shape_string(x.shape) + " x weights[0]^T " + shape_string(w.shape));
}

void check_attention(const LayerCheck& c) {
  c.require_inputs(3, 3);
  c.require_weights(0, 0);
  const Attributes& a = c.layer().attrs;
  require_attr_range(c, "heads", a.heads, 1);
  require_attr_range(c, "kv_heads", a.kv_heads, 1);
  require_attr_range(c, "head_dim", a.head_dim, 1);
  if (a.heads % a.kv_heads != 0) {
    c.fail("kv_heads " + std::to_string(a.kv_heads) + " does not divide heads " +
           std::to_string(a.heads));
  }
  const Tensor& q = c.layer().inputs[0].tensor;
  const Tensor& k = c.layer().inputs[1].tensor;
  const Tensor& v = c.layer().inputs[2].tensor;
  c.require_rank(q, "q (inputs[0])", 3, 3);
  c.require_rank(k, "k (inputs[1])", 3, 3);
  if (q.shape[2] != a.heads * a.head_dim) {
    c.fail("q (inputs[0]) shape " + shape_string(q.shape) + " last dimension must be heads " +
           std::to_string(a.heads) + " x head_dim " + std::to_string(a.head_dim) + " = " +
           std::to_string(a.heads * a.head_dim));
  }
  if (k.shape[2] != a.kv_heads * a.head_dim) {
    c.fail("k (inputs[1]) shape " + shape_string(k.shape) + " last dimension must be kv_heads " +
           std::to_string(a.kv_heads) + " x head_dim " + std::to_string(a.head_dim) + " = " +
           std::to_string(a.kv_heads * a.head_dim));
  }
  if (k.shape[0] != q.shape[0]) {
    c.fail("batch of k " + shape_string(k.shape) + " differs from q " + shape_string(q.shape));
  }
  if (v.shape != k.shape) {
    c.fail("v (inputs[2]) shape " + shape_string(v.shape) + " must equal k " +
           shape_string(k.shape));
  }
  c.require_output(q.shape, "attention keeps the shape of q");
}

void check_same_shape_op(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_output(in0(c).shape, std::string("a shape-preserving ") + op_name(c.layer().op) +
                                     " on input " + shape_string(in0(c).shape));
}

void check_function(const LayerCheck& c, const std::vector<std::string>& accepted) {
  const std::string& f = c.layer().attrs.function;
  if (std::find(accepted.begin(), accepted.end(), f) != accepted.end()) return;
  std::string list;
  for (const std::string& name : accepted) list += (list.empty() ? "" : ", ") + name;
  c.fail("function '" + f + "' is not one of: " + list);
}

void check_elementwise(const LayerCheck& c) {
  check_function(c, {"add", "sub", "mul", "div", "pow", "max", "min"});
  c.require_inputs(1, SIZE_MAX);
  const Layer& l = c.layer();
  if (l.inputs.size() + l.weights.size() < 2)
    c.fail("needs at least 2 operands (inputs and weights)");
  std::vector<int64_t> shape;
  std::string shapes;
  const auto add = [&](const Tensor& t) {
    shapes += (shapes.empty() ? "" : " and ") + shape_string(t.shape);
    if (!broadcast(shape, t.shape)) c.fail("operand shapes " + shapes + " do not broadcast");
  };
  for (const InputRef& in : l.inputs) add(in.tensor);
  for (const Weight& w : l.weights) add(w.tensor);
  c.require_output(shape, "broadcasting " + shapes);
}

int64_t normalized_axis(const LayerCheck& c, int64_t axis, size_t rank) {
  const int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) {
    c.fail("axis " + std::to_string(axis) + " is outside rank " + std::to_string(rank));
  }
  return axis < 0 ? axis + r : axis;
}

// Gains and shifts hold one value per normalised channel: the last axis (layer and RMS
// norm) or axis 1 (batch norm, NCHW).
void check_norm(const LayerCheck& c, size_t max_weights, bool channels_last) {
  c.require_weights(0, max_weights);
  c.require_inputs(1, 1);
  const Tensor& x = in0(c);
  c.require_rank(x, "input", channels_last ? 1 : 2, SIZE_MAX);
  const int64_t channels = channels_last ? x.shape.back() : x.shape[1];
  for (size_t i = 0; i < c.layer().weights.size(); ++i) {
    const Tensor& w = c.layer().weights[i].tensor;
    if (w.shape != std::vector<int64_t>{channels}) {
      c.fail("weights[" + std::to_string(i) + "] shape " + shape_string(w.shape) + " must be [" +
             std::to_string(channels) + "], one per normalised channel of input " +
             shape_string(x.shape));
    }
  }
  check_same_shape_op(c);
}

void check_concat(const LayerCheck& c) {
  c.require_inputs(1, SIZE_MAX);
  c.require_weights(0, 0);
  const Tensor& first = in0(c);
  c.require_rank(first, "inputs[0]", 1, SIZE_MAX);
  const size_t axis =
      static_cast<size_t>(normalized_axis(c, c.layer().attrs.axis, first.shape.size()));
  std::vector<int64_t> out = first.shape;
  for (size_t i = 1; i < c.layer().inputs.size(); ++i) {
    const Tensor& t = c.layer().inputs[i].tensor;
    bool compatible = t.shape.size() == first.shape.size();
    for (size_t d = 0; compatible && d < t.shape.size(); ++d) {
      compatible = d == axis || t.shape[d] == first.shape[d];
    }
    if (!compatible) {
      c.fail("inputs[" + std::to_string(i) + "] shape " + shape_string(t.shape) +
             " differs from inputs[0] " + shape_string(first.shape) + " outside axis " +
             std::to_string(axis));
    }
    out[axis] += t.shape[axis];
  }
  c.require_output(out, "concatenating along axis " + std::to_string(axis));
}

void check_resize(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const std::string& mode = c.layer().attrs.mode;
  if (mode != "nearest" && mode != "bilinear") {
    c.fail("mode '" + mode + "' is not one of: nearest, bilinear");
  }
  const Tensor& x = in0(c);
  c.require_rank(x, "input", 4, 4);
  c.require_rank(c.layer().output, "output", 4, 4);
  const std::vector<int64_t>& o = c.layer().output.shape;
  c.require_output({x.shape[0], x.shape[1], o[2], o[3]}, "resizing input " + shape_string(x.shape));
}

void check_embedding(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(1, 1);
  const Tensor& ids = in0(c);
  const Tensor& table = c.layer().weights[0].tensor;
  if (!dtype_is_integer(ids.dtype)) {
    c.fail(std::string("token ids must have an integer dtype, input is ") + dtype_name(ids.dtype));
  }
  c.require_rank(table, "weights[0]", 2, 2);
  std::vector<int64_t> out = ids.shape;
  out.push_back(table.shape[1]);
  c.require_output(out, "ids " + shape_string(ids.shape) + " looked up in table [vocab, dim] " +
                            shape_string(table.shape));
}

void check_kv_cache_write(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const Tensor& x = in0(c);
  const Tensor& out = c.layer().output;
  c.require_rank(x, "input", 3, 3);
  c.require_rank(out, "output", 3, 3);
  if (out.shape[0] != x.shape[0] || out.shape[2] != x.shape[2] || out.shape[1] < x.shape[1]) {
    c.fail("output (the cache after the write) " + shape_string(out.shape) +
           " must be [B, past + S, width] for input [B, S, width] " + shape_string(x.shape));
  }
}

void check_kv_cache_read(const LayerCheck& c) {
  c.require_inputs(0, 1);
  c.require_weights(0, 0);
  const Tensor& out = c.layer().output;
  c.require_rank(out, "output", 3, 3);
  if (c.layer().inputs.empty()) return;
  const Tensor& cache = in0(c);
  c.require_rank(cache, "input", 3, 3);
  if (cache.shape[0] != out.shape[0] || cache.shape[2] != out.shape[2]) {
    c.fail("output " + shape_string(out.shape) + " must have the batch and width of the cache " +
           shape_string(cache.shape));
  }
}

void check_reshape(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const Tensor& x = in0(c);
  const int64_t in_elements = c.elements(x.shape, "input");
  const int64_t out_elements = c.elements(c.layer().output.shape, "output");
  if (in_elements != out_elements) {
    c.fail("output shape " + shape_string(c.layer().output.shape) + " has " +
           std::to_string(out_elements) + " elements but input " + shape_string(x.shape) + " has " +
           std::to_string(in_elements));
  }
}

// A part of x: what Slice, Split and indexing produce. The output keeps x's rank and no
// dimension grows; which elements are taken does not matter to any cost.
void check_slice(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const Tensor& x = in0(c);
  const std::vector<int64_t>& out = c.layer().output.shape;
  bool fits = out.size() == x.shape.size();
  for (size_t d = 0; fits && d < out.size(); ++d) fits = out[d] <= x.shape[d];
  if (!fits) {
    c.fail("output shape " + shape_string(out) + " is not a part of input " +
           shape_string(x.shape) + " (same rank, no dimension larger)");
  }
}

void check_generic(const LayerCheck& c) {
  if (c.layer().attrs.function.empty()) {
    c.fail("function must name the operator (e.g. \"TopK\")");
  }
}

void check_flatten(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const Tensor& x = in0(c);
  c.require_rank(x, "input", 2, SIZE_MAX);
  const int64_t rest = c.elements({x.shape.begin() + 1, x.shape.end()}, "input");
  c.require_output({x.shape[0], rest}, "flattening input " + shape_string(x.shape));
}

}  // namespace

void check_op_shapes(const LayerCheck& c) {
  switch (c.layer().op) {
    case Op::conv2d:
      return check_conv2d(c);
    case Op::matmul:
      return check_matmul(c);
    case Op::linear:
      return check_linear(c);
    case Op::attention:
      return check_attention(c);
    case Op::max_pool:
    case Op::avg_pool:
      return check_pool(c);
    case Op::global_avg_pool:
      return check_global_avg_pool(c);
    case Op::elementwise:
      return check_elementwise(c);
    case Op::activation:
      check_function(c, {"relu", "relu6", "leaky_relu", "elu", "gelu", "silu", "swish", "mish",
                         "sigmoid", "hardsigmoid", "hardswish", "tanh", "softplus", "softsign",
                         "clip", "exp", "log", "sqrt", "reciprocal", "abs", "neg", "erf"});
      c.require_weights(0, 0);
      return check_same_shape_op(c);
    case Op::softmax:
      c.require_inputs(1, 1);
      c.require_weights(0, 0);
      normalized_axis(c, c.layer().attrs.axis, in0(c).shape.size());
      return check_same_shape_op(c);
    case Op::layer_norm:
      return check_norm(c, 2, true);
    case Op::rms_norm:
      return check_norm(c, 1, true);
    case Op::batch_norm:
      return check_norm(c, 4, false);
    case Op::concat:
      return check_concat(c);
    case Op::resize:
      return check_resize(c);
    case Op::embedding:
      return check_embedding(c);
    case Op::kv_cache_write:
      return check_kv_cache_write(c);
    case Op::kv_cache_read:
      return check_kv_cache_read(c);
    case Op::reshape:
      return check_reshape(c);
    case Op::flatten:
      return check_flatten(c);
    case Op::slice:
      return check_slice(c);
    case Op::rnn:
      return check_rnn(c);
    case Op::generic:
      return check_generic(c);
  }
}

}  // namespace axsim::trace
