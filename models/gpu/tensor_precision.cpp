#include "models/gpu/tensor_precision.h"

#include <vector>

#include "models/core/error.h"

namespace axsim::gpu {

namespace {

using trace::DType;

// `wanted` first, then what a kernel could widen it to without losing values.
std::vector<DType> fallback_chain(DType wanted) {
  switch (wanted) {
    case DType::int4:
      return {DType::int4, DType::int8, DType::int16, DType::int32};
    case DType::int8:
      return {DType::int8, DType::int16, DType::int32};
    case DType::int16:
      return {DType::int16, DType::int32};
    case DType::int32:
      return {DType::int32};
    case DType::fp8:
      return {DType::fp8, DType::fp16, DType::bf16, DType::fp32};
    case DType::fp16:
      return {DType::fp16, DType::bf16, DType::fp32};
    case DType::bf16:
      return {DType::bf16, DType::fp16, DType::fp32};
    case DType::fp32:
      return {DType::fp32};
  }
  return {wanted};
}

}  // namespace

DType mac_dtype(const trace::Layer& layer) {
  const trace::Tensor& activation =
      layer.inputs.empty() ? layer.output : layer.inputs.front().tensor;
  DType dtype = activation.dtype;
  if ((layer.op == trace::Op::conv2d || layer.op == trace::Op::linear) && !layer.weights.empty()) {
    const trace::Tensor& weight = layer.weights.front().tensor;
    if (trace::dtype_bits(weight.dtype) > trace::dtype_bits(dtype)) dtype = weight.dtype;
  }
  return dtype;
}

TensorRate tensor_rate(const GpuConfig& config, DType wanted, const std::string& layer) {
  const std::vector<DType> chain = fallback_chain(wanted);
  for (DType candidate : chain) {
    const auto found = config.tensor_macs_per_sm_per_cycle.find(candidate);
    if (found != config.tensor_macs_per_sm_per_cycle.end()) return {candidate, found->second};
  }
  std::string tried;
  for (DType candidate : chain)
    tried += (tried.empty() ? "" : ", ") + std::string(trace::dtype_name(candidate));
  std::string have;
  for (const auto& [dtype, rate] : config.tensor_macs_per_sm_per_cycle) {
    have += (have.empty() ? "" : ", ") + std::string(trace::dtype_name(dtype));
  }
  throw core::InputError("layer '" + layer + "' multiplies " + trace::dtype_name(wanted) +
                         " operands, but gpu.tensor.macs_per_sm_per_cycle has none of " + tried +
                         " (it has " + have + ")");
}

}  // namespace axsim::gpu
