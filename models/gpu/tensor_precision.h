// Which tensor-core rate a layer runs at. A layer's MACs take the wider of its operands'
// precisions; a precision the GPU has no rate for runs at the next wider one it has, as a
// kernel would after widening its operands (int4 weights on a GPU without int4 tensor cores
// are unpacked to int8). docs/gpu.md lists the fallback chains.
#pragma once

#include <cstdint>
#include <string>

#include "models/gpu/gpu_config.h"
#include "workloads/trace/trace.h"

namespace axsim::gpu {

struct TensorRate {
  trace::DType precision = trace::DType::int8;  // the rate actually used
  int64_t macs_per_sm_per_cycle = 0;
};

// The precision of a MAC layer's products: the wider of the first activation input and the
// first weight (ties: the activation's).
trace::DType mac_dtype(const trace::Layer& layer);

// InputError naming the layer when neither `wanted` nor any wider precision in its chain
// (int4 -> int8 -> int16 -> int32; fp8 -> fp16 -> bf16 -> fp32; bf16 -> fp16 -> fp32) has a
// rate in gpu.tensor.macs_per_sm_per_cycle.
TensorRate tensor_rate(const GpuConfig& config, trace::DType wanted, const std::string& layer);

}  // namespace axsim::gpu
