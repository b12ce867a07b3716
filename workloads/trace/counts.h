// Work and footprint of layers and traces: multiply-accumulates, parameters and bytes.
// Bytes honour each tensor's bit width (an int4 weight of 10 elements is 5 bytes).
#pragma once

#include <cstdint>

#include "workloads/trace/trace.h"

namespace axsim::trace {

struct LayerCounts {
  int64_t macs = 0;          // multiply-accumulates (conv, matmul, linear, attention)
  int64_t vector_ops = 0;    // element operations of non-MAC layers (activation, norm, pool...)
  int64_t params = 0;        // elements of all weight tensors
  int64_t weight_bytes = 0;  // storage of all weight tensors at their bit widths
  int64_t input_bytes = 0;   // all activation inputs at their bit widths
  int64_t output_bytes = 0;  // the output at its bit width
};

LayerCounts count_layer(const Layer& layer);

struct TraceCounts {
  int64_t macs = 0;
  int64_t vector_ops = 0;
  int64_t params = 0;
  int64_t weight_bytes = 0;
  int64_t activation_bytes = 0;  // sum of layer outputs
};

TraceCounts count_trace(const Trace& trace);

// Number of elements of a shape (product of dimensions; 1 for a scalar shape).
int64_t element_count(const std::vector<int64_t>& shape);
// ceil(elements * bits / 8)
int64_t tensor_bytes(const Tensor& tensor);

}  // namespace axsim::trace
