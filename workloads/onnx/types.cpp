#include "workloads/onnx/types.h"

namespace axsim::onnx_import {

StorageType storage_type(int32_t elem_type) {
  using ::onnx::TensorProto;
  switch (elem_type) {
    case TensorProto::FLOAT16:
      return {trace::DType::fp16, 16, 0};
    case TensorProto::BFLOAT16:
      return {trace::DType::bf16, 16, 0};
    case TensorProto::INT8:
      return {trace::DType::int8, 8, 0};
    case TensorProto::UINT8:
      return {trace::DType::int8, 8, -128};
    case TensorProto::BOOL:
      return {trace::DType::int8, 1, 0};
    case TensorProto::INT16:
      return {trace::DType::int16, 16, 0};
    case TensorProto::UINT16:
      return {trace::DType::int16, 16, -32768};
    case TensorProto::INT32:
    case TensorProto::UINT32:
    case TensorProto::INT64:
    case TensorProto::UINT64:
      return {trace::DType::int32, 32, 0};
    default:
      return {trace::DType::fp32, 32, 0};
  }
}

trace::Tensor make_tensor(std::vector<int64_t> shape, int32_t elem_type) {
  const StorageType type = storage_type(elem_type);
  trace::Tensor t;
  t.shape = std::move(shape);
  t.dtype = type.dtype;
  t.bits = type.bits;
  return t;
}

trace::Quantization make_quantization(const Constant& scale, const Constant* zero_point,
                                      int64_t axis, int64_t zero_shift) {
  trace::Quantization q;
  const size_t n = static_cast<size_t>(scale.size());
  q.scheme = n == 1 ? trace::QuantScheme::per_tensor : trace::QuantScheme::per_channel;
  q.axis = n == 1 ? 0 : static_cast<int>(axis);
  for (size_t i = 0; i < n; ++i) q.scale.push_back(scale.real(i));
  bool any_nonzero = false;
  std::vector<int64_t> zeros;
  for (size_t i = 0; i < n; ++i) {
    const size_t at =
        zero_point != nullptr && zero_point->size() == static_cast<int64_t>(n) ? i : 0;
    const int64_t z =
        (zero_point != nullptr && zero_point->size() > 0 ? zero_point->integer(at) : 0) +
        zero_shift;
    any_nonzero |= z != 0;
    zeros.push_back(z);
  }
  if (any_nonzero) q.zero_point = zeros;
  return q;
}

}  // namespace axsim::onnx_import
