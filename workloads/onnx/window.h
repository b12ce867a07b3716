// Sliding-window attributes (kernel_shape, strides, dilations, pads, auto_pad) of
// convolutions and pools, as the trace's 2-D attributes. A 1-D window becomes a 2-D one of
// height 1, which is how the trace describes Conv1d: over [N, C, 1, L].
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "workloads/onnx/translator.h"

namespace axsim::onnx_import {

struct Window {
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> stride{1, 1};
  std::array<int64_t, 2> dilation{1, 1};
  std::array<int64_t, 4> padding{0, 0, 0, 0};  // top, left, bottom, right
};

// `spatial` is the input's spatial size as the node sees it (after any Pad), `kernel` the
// window when the node has no kernel_shape (a convolution's weight). NotSupported for windows
// of more than 2 dimensions.
Window read_window(const NodeProto& node, const std::vector<int64_t>& spatial,
                   const std::vector<int64_t>& kernel);

// Adds a folded Pad's padding (Value::pad) to the window's.
void add_padding(Window& window, const Value& input);

// The value as 4-D NCHW: 1-D inputs [N, C, L] become [N, C, 1, L] by a free reshape. A
// pending Pad stays pending (its padding is already in 2-D form).
Value as_nchw(Translator& t, const Value& in, const NodeProto& node);

}  // namespace axsim::onnx_import
