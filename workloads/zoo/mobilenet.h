// The MobileNetV1 feature extractor, shared by the classifier and SSD-MobileNet.
#pragma once

#include <string>

#include "workloads/zoo/builder.h"

namespace axsim::zoo {

struct MobileNetV1Features {
  std::string conv11;  // 512 channels at stride 16: SSD's first detection map
  std::string conv13;  // 1024 channels at stride 32
};

// Howard et al. 2017, Table 1: a 3x3 conv and 13 depthwise-separable blocks, each conv with
// folded BatchNorm and ReLU6 (the TensorFlow reference implementation's activation).
MobileNetV1Features mobilenet_v1_backbone(Builder& b, const std::string& image);

}  // namespace axsim::zoo
