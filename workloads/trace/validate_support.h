// What the graph checks (validate.cpp) and the per-op shape rules (validate_ops.cpp) share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/trace/trace.h"

namespace axsim::trace {

// Dimensions and attributes are capped here so that every shape rule can be computed in
// int64 without overflow; no real network comes near.
inline constexpr int64_t kMaxDimension = 2147483647;

// "[1,64,56,56]"
std::string shape_string(const std::vector<int64_t>& shape);

// Reports a broken rule of one layer as "<file>: layers[3] 'conv2' (conv2d): <rule>".
class LayerCheck {
 public:
  LayerCheck(const std::string& file, size_t index, const Layer& layer);

  const Layer& layer() const { return layer_; }
  [[noreturn]] void fail(const std::string& rule) const;

  void require_inputs(size_t min, size_t max) const;
  void require_weights(size_t min, size_t max) const;
  // `what` names the tensor in the message: "input", "weights[0]", "output".
  void require_rank(const Tensor& tensor, const std::string& what, size_t min, size_t max) const;
  void require_output(const std::vector<int64_t>& expected, const std::string& because) const;
  // Product of the dimensions; fails if it does not fit in int64.
  int64_t elements(const std::vector<int64_t>& shape, const std::string& what) const;

 private:
  const std::string& file_;
  size_t index_;
  const Layer& layer_;
};

// Fails unless min <= value <= kMaxDimension; `what` names the attribute.
void require_attr_range(const LayerCheck& c, const std::string& what, int64_t value, int64_t min);
// Checks the optional bias (weights[1]) of conv2d and linear against the output channels.
void check_bias(const LayerCheck& c, int64_t channels);

// Sliding-window ops (validate_window.cpp).
void check_conv2d(const LayerCheck& c);
void check_pool(const LayerCheck& c);  // max_pool and avg_pool
void check_global_avg_pool(const LayerCheck& c);

// Recurrent layers (validate_rnn.cpp).
void check_rnn(const LayerCheck& c);

// The op's shape rule: input and weight counts, ranks, attributes and the output shape.
void check_op_shapes(const LayerCheck& check);

}  // namespace axsim::trace
