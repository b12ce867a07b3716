#include "workloads/onnx/window.h"

#include "workloads/onnx/attributes.h"

namespace axsim::onnx_import {

Window read_window(const NodeProto& node, const std::vector<int64_t>& spatial,
                   const std::vector<int64_t>& kernel_default) {
  const size_t rank = spatial.size();
  if (rank != 1 && rank != 2) {
    throw NotSupported(std::to_string(rank) +
                       "-D windows are not supported (the trace has 1-D and 2-D ones)");
  }
  const std::vector<int64_t> kernel = attr_ints(node, "kernel_shape", kernel_default);
  const std::vector<int64_t> strides = attr_ints(node, "strides", std::vector<int64_t>(rank, 1));
  const std::vector<int64_t> dilations =
      attr_ints(node, "dilations", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> pads = attr_ints(node, "pads", std::vector<int64_t>(2 * rank, 0));
  if (kernel.size() != rank || strides.size() != rank || dilations.size() != rank ||
      pads.size() != 2 * rank) {
    throw NotSupported("kernel_shape, strides, dilations or pads do not match the input's " +
                       std::to_string(rank) + " spatial dimensions");
  }
  const std::string auto_pad = attr_string(node, "auto_pad", "NOTSET");
  if (auto_pad == "VALID") pads.assign(2 * rank, 0);
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (size_t i = 0; i < rank; ++i) {
      const int64_t out = (spatial[i] + strides[i] - 1) / strides[i];
      const int64_t span = (kernel[i] - 1) * dilations[i] + 1;
      const int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + span - spatial[i]);
      const int64_t small = total / 2;
      pads[i] = auto_pad == "SAME_UPPER" ? small : total - small;
      pads[i + rank] = total - pads[i];
    }
  }
  Window w;
  const size_t offset = 2 - rank;  // 1-D windows run along the width
  for (size_t i = 0; i < rank; ++i) {
    w.kernel[offset + i] = kernel[i];
    w.stride[offset + i] = strides[i];
    w.dilation[offset + i] = dilations[i];
    w.padding[offset + i] = pads[i];
    w.padding[offset + i + 2] = pads[i + rank];
  }
  return w;
}

void add_padding(Window& window, const Value& input) {
  if (!input.padded) return;
  for (size_t i = 0; i < 4; ++i) window.padding[i] += input.pad[i];
}

Value as_nchw(Translator& t, const Value& in, const NodeProto& node) {
  const std::vector<int64_t>& s = in.tensor.shape;
  if (s.size() != 3) return in;
  Value unpadded = in;
  unpadded.padded = false;
  Value out = t.reshape(unpadded, {s[0], s[1], 1, s[2]}, node, "as_2d");
  out.pad = in.pad;
  out.padded = in.padded;
  return out;
}

}  // namespace axsim::onnx_import
