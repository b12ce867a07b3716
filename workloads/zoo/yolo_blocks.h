// Building blocks shared by YOLOv5 and YOLOv8 (Ultralytics): the Conv unit (conv, folded
// BatchNorm, SiLU), the residual bottleneck, SPPF and the width/depth scaling rules with
// which one architecture file yields the n/s/m/... sizes.
#pragma once

#include <cstdint>
#include <string>

#include "workloads/zoo/builder.h"

namespace axsim::zoo {

struct YoloScale {
  double depth;          // repeats multiplier
  double width;          // channel multiplier
  int64_t max_channels;  // YOLOv8 caps the nominal width before scaling
};

// Channels: min(c, max_channels) * width, rounded up to a multiple of 8.
int64_t yolo_channels(const YoloScale& s, int64_t c);
// Repeats: round(n * depth), at least 1.
int yolo_repeats(const YoloScale& s, int n);

// Conv(c_out, k, stride) with "same" padding, folded BatchNorm and SiLU.
std::string yolo_conv(Builder& b, const std::string& name, const std::string& x, int64_t c_out,
                      int64_t kernel, int64_t stride = 1);

// Two convs (kernel `first_kernel`, then 3x3) at the input width, plus the input when
// `shortcut`.
std::string yolo_bottleneck(Builder& b, const std::string& name, const std::string& x,
                            int64_t first_kernel, bool shortcut);

// Spatial pyramid pooling, fast: halve the channels, three chained 5x5 max pools, concatenate
// the four, project to c_out.
std::string yolo_sppf(Builder& b, const std::string& name, const std::string& x, int64_t c_out);

}  // namespace axsim::zoo
