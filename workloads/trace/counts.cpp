#include "workloads/trace/counts.h"

namespace axsim::trace {

namespace {

int64_t last_dim(const Tensor& tensor) { return tensor.shape.empty() ? 1 : tensor.shape.back(); }

// The first activation input; layers that take none (kv_cache_read) get an empty tensor.
const Tensor& first_input(const Layer& layer) {
  static const Tensor kNone{};
  return layer.inputs.empty() ? kNone : layer.inputs.front().tensor;
}

int64_t conv2d_macs(const Layer& layer) {
  // Every output element accumulates (Cin / groups) * kh * kw products.
  const Tensor& in = first_input(layer);
  const int64_t cin = in.shape.size() >= 2 ? in.shape[1] : 0;
  const int64_t groups = layer.attrs.groups > 0 ? layer.attrs.groups : 1;
  return element_count(layer.output.shape) * (cin / groups) * layer.attrs.kernel[0] *
         layer.attrs.kernel[1];
}

// Fused attention does QK^T (Sq x Skv scores of D products per head) and then AV (the same
// amount again). A causal mask would let a kernel skip the upper triangle, but the usual
// kernels and published FLOP counts compute the full rectangle, so it is counted in full.
int64_t attention_macs(const Layer& layer) {
  if (layer.inputs.size() < 2) return 0;
  const Tensor& q = layer.inputs[0].tensor;
  const Tensor& k = layer.inputs[1].tensor;
  if (q.shape.size() < 2 || k.shape.size() < 2) return 0;
  const int64_t skv = k.shape[k.shape.size() - 2];
  return element_count(q.shape) * skv * 2;  // elements of q = B * Sq * H * D
}

// Scores that the fused attention's softmax normalises: B * H * Sq * Skv.
int64_t attention_softmax_ops(const Layer& layer) {
  if (layer.inputs.size() < 2 || layer.attrs.head_dim <= 0) return 0;
  const Tensor& q = layer.inputs[0].tensor;
  const Tensor& k = layer.inputs[1].tensor;
  if (q.shape.size() < 2 || k.shape.size() < 2) return 0;
  const int64_t skv = k.shape[k.shape.size() - 2];
  return element_count(q.shape) / layer.attrs.head_dim * skv;
}

// A recurrent layer multiplies every step's input and previous hidden state by each gate's
// weights: S * D * B steps of G * H outputs, each an (I + H)-long dot product.
int64_t rnn_macs(const Layer& layer) {
  if (layer.inputs.empty() || layer.weights.size() < 2) return 0;
  const auto& x = first_input(layer).shape;
  const auto& w = layer.weights[0].tensor.shape;
  const auto& r = layer.weights[1].tensor.shape;
  if (x.size() != 3 || w.size() != 3 || r.size() != 3) return 0;
  return x[0] * x[1] * w[0] * w[1] * (w[2] + r[2]);
}

// Element operations per hidden unit and step besides the gate MACs: an LSTM's 4 gate
// activations, c = f*c + i*g (3) and h = o*tanh(c) (2); a GRU's 3 activations, r*(R h),
// (1 - z), two products and a sum (5); a plain RNN's activation.
int64_t rnn_vector_ops(const Layer& layer) {
  const std::string& f = layer.attrs.function;
  const int64_t per_unit = f == "lstm" ? 9 : f == "gru" ? 8 : 1;
  return element_count(layer.output.shape) * per_unit;
}

int64_t layer_macs(const Layer& layer) {
  switch (layer.op) {
    case Op::conv2d:
      return conv2d_macs(layer);
    case Op::linear:
    case Op::matmul:
      // rows * N output elements, each a K-long dot product.
      return element_count(layer.output.shape) * last_dim(first_input(layer));
    case Op::attention:
      return attention_macs(layer);
    case Op::rnn:
      return rnn_macs(layer);
    default:
      return 0;
  }
}

int64_t layer_vector_ops(const Layer& layer) {
  const int64_t out = element_count(layer.output.shape);
  switch (layer.op) {
    case Op::max_pool:
    case Op::avg_pool:
      return out * layer.attrs.kernel[0] * layer.attrs.kernel[1];
    case Op::global_avg_pool:
      // Each input element is added once into its channel's sum.
      return element_count(first_input(layer).shape);
    case Op::elementwise:
    case Op::activation:
    case Op::softmax:
    case Op::layer_norm:
    case Op::rms_norm:
    case Op::batch_norm:
    case Op::resize:
      return out;
    case Op::attention:
      return attention_softmax_ops(layer);
    case Op::rnn:
      return rnn_vector_ops(layer);
    case Op::generic:
      // Unknown work: at least one operation per output element.
      return out;
    default:
      // Convs/linears are MAC work; concat, slices, embedding lookups, cache reads/writes
      // and reshapes only move data, which their byte counts already describe.
      return 0;
  }
}

}  // namespace

int64_t element_count(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

int64_t tensor_bytes(const Tensor& tensor) {
  const int64_t bits = element_count(tensor.shape) * tensor.bits;
  return (bits + 7) / 8;
}

LayerCounts count_layer(const Layer& layer) {
  LayerCounts c;
  c.macs = layer_macs(layer);
  c.vector_ops = layer_vector_ops(layer);
  for (const Weight& w : layer.weights) {
    c.params += element_count(w.tensor.shape);
    c.weight_bytes += tensor_bytes(w.tensor);
  }
  for (const InputRef& in : layer.inputs) c.input_bytes += tensor_bytes(in.tensor);
  c.output_bytes = tensor_bytes(layer.output);
  return c;
}

TraceCounts count_trace(const Trace& trace) {
  TraceCounts t;
  for (const Layer& layer : trace.layers) {
    const LayerCounts c = count_layer(layer);
    t.macs += c.macs;
    t.vector_ops += c.vector_ops;
    t.params += c.params;
    t.weight_bytes += c.weight_bytes;
    t.activation_bytes += c.output_bytes;
  }
  return t;
}

}  // namespace axsim::trace
