// Builds a trace layer by layer: every method takes the names of its input activations,
// computes the output shape from the operator's definition, attaches weights with their
// quantization and returns the new layer's name. Networks are written in terms of it, so a
// generated trace is consistent by construction.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workloads/trace/trace.h"
#include "workloads/zoo/zoo.h"

namespace axsim::zoo {

using Shape = std::vector<int64_t>;

// How weight matrices are quantized in integer traces. Per-channel scales are what int8
// CNN deployments use; for transformers the scale vectors would bloat the trace for nothing
// the simulator reads, so they get one scale per tensor.
enum class WeightQuant { per_channel, per_tensor };

struct ConvSpec {
  int64_t out_channels = 0;
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> stride{1, 1};
  int64_t groups = 1;
  // top, left, bottom, right; unset = kernel/2 on every side (PyTorch's usual "same").
  std::optional<std::array<int64_t, 4>> padding;
  bool bias = true;  // folded BatchNorm leaves a bias, so convs have one unless stated
};

ConvSpec conv(int64_t out_channels, int64_t kernel, int64_t stride = 1, int64_t groups = 1);

class Builder {
 public:
  Builder(std::string name, std::string description, const ZooOptions& options,
          WeightQuant weight_quant);

  // Graph inputs: activations in the trace's dtype, or int32 token / position ids.
  std::string image_input(const std::string& name, const Shape& shape);
  std::string id_input(const std::string& name, const Shape& shape);

  const Shape& shape(const std::string& ref) const;
  int64_t channels(const std::string& ref) const { return shape(ref).at(1); }
  int64_t batch() const { return options_.batch; }

  std::string conv2d(const std::string& name, const std::string& x, const ConvSpec& spec);
  std::string linear(const std::string& name, const std::string& x, int64_t out_features,
                     bool bias);
  std::string activation(const std::string& name, const std::string& x,
                         const std::string& function);
  std::string elementwise(const std::string& name, const std::vector<std::string>& xs,
                          const std::string& function);
  std::string max_pool(const std::string& name, const std::string& x, int64_t kernel,
                       int64_t stride, int64_t padding, bool ceil_mode = false);
  std::string global_avg_pool(const std::string& name, const std::string& x);
  std::string concat(const std::string& name, const std::vector<std::string>& xs, int64_t axis);
  std::string resize(const std::string& name, const std::string& x, int64_t scale);
  std::string flatten(const std::string& name, const std::string& x);
  std::string reshape(const std::string& name, const std::string& x, const Shape& to);
  std::string layer_norm(const std::string& name, const std::string& x);
  std::string rms_norm(const std::string& name, const std::string& x);
  std::string embedding(const std::string& name, const std::string& ids, int64_t vocab,
                        int64_t dim);
  std::string attention(const std::string& name, const std::string& q, const std::string& k,
                        const std::string& v, const trace::Attributes& heads);
  // Appends x [B, S, width] to a cache already holding `past` tokens; the output is the cache
  // after the write, [B, past + S, width].
  std::string kv_cache_write(const std::string& name, const std::string& x, int64_t past);
  // Reads back the whole cache that `cache` (a kv_cache_write) left.
  std::string kv_cache_read(const std::string& name, const std::string& cache);

  void mark_output(const std::string& ref);
  trace::Trace finish();

 private:
  trace::Tensor activation_tensor(const Shape& shape) const;
  trace::Tensor weight_tensor(const Shape& shape, bool per_channel) const;
  trace::Tensor bias_tensor(int64_t n, const trace::Tensor& weight) const;
  trace::Tensor norm_tensor(int64_t n) const;
  trace::InputRef ref(const std::string& name) const;
  std::string add(trace::Layer layer);

  ZooOptions options_;
  WeightQuant weight_quant_;
  trace::Trace trace_;
  std::map<std::string, trace::Tensor> tensors_;  // every named activation so far
};

// Conv with BatchNorm folded in (inference form), then `act` unless it is empty. The
// activation layer is named `<name>.<act>`.
std::string conv_bn_act(Builder& b, const std::string& name, const std::string& x,
                        const ConvSpec& spec, const std::string& act);

// Output side of a convolution/pooling window, or std::invalid_argument naming the layer
// when the input is too small for it.
int64_t window_output(const std::string& layer, int64_t in, int64_t kernel, int64_t stride,
                      int64_t pad_before, int64_t pad_after);

}  // namespace axsim::zoo
