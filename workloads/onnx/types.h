// ONNX element types as trace dtypes, and quantization parameters as trace quantization.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "workloads/onnx/constant.h"
#include "workloads/trace/trace.h"

namespace axsim::onnx_import {

struct StorageType {
  trace::DType dtype = trace::DType::fp32;
  int bits = 32;
  // Unsigned integers are stored as the signed type of their width with the values shifted
  // down by half the range, so a zero point moves by this much (uint8: -128).
  int64_t zero_shift = 0;
};

// Types the format lacks map to the nearest it has: double -> fp32, 64-bit integers -> int32
// (indices and shapes; no model keeps 64-bit data on an accelerator), bool -> 1-bit int8.
StorageType storage_type(int32_t elem_type);

trace::Tensor make_tensor(std::vector<int64_t> shape, int32_t elem_type);

// Quantization from ONNX scale and zero-point tensors: per tensor for one scale, per channel
// along `axis` otherwise. `zero_shift` is the storage type's (uint8 data: -128).
trace::Quantization make_quantization(const Constant& scale, const Constant* zero_point,
                                      int64_t axis, int64_t zero_shift);

}  // namespace axsim::onnx_import
