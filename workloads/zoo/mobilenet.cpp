// MobileNetV1 (Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile
// Vision Applications", 2017) and MobileNetV2 (Sandler et al., "MobileNetV2: Inverted
// Residuals and Linear Bottlenecks", CVPR 2018), both at width multiplier 1.0.
#include "workloads/zoo/mobilenet.h"

#include <array>

#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

struct SeparableSpec {
  int64_t out_channels;
  int64_t stride;
};

// Table 1 of the MobileNetV1 paper: the pointwise width and the depthwise stride per block.
constexpr std::array<SeparableSpec, 13> kV1Blocks{{{64, 1},
                                                   {128, 2},
                                                   {128, 1},
                                                   {256, 2},
                                                   {256, 1},
                                                   {512, 2},
                                                   {512, 1},
                                                   {512, 1},
                                                   {512, 1},
                                                   {512, 1},
                                                   {512, 1},
                                                   {1024, 2},
                                                   {1024, 1}}};

struct InvertedResidualSpec {
  int64_t expansion;     // t
  int64_t out_channels;  // c
  int repeats;           // n
  int64_t stride;        // s, of the first repeat
};

// Table 2 of the MobileNetV2 paper.
constexpr std::array<InvertedResidualSpec, 7> kV2Stages{{{1, 16, 1, 1},
                                                         {6, 24, 2, 2},
                                                         {6, 32, 3, 2},
                                                         {6, 64, 4, 2},
                                                         {6, 96, 3, 1},
                                                         {6, 160, 3, 2},
                                                         {6, 320, 1, 1}}};

std::string inverted_residual(Builder& b, const std::string& name, const std::string& x,
                              const InvertedResidualSpec& spec, int64_t stride) {
  const int64_t in = b.channels(x);
  const int64_t hidden = in * spec.expansion;
  std::string y = x;
  if (spec.expansion != 1) y = conv_bn_act(b, name + ".expand", y, conv(hidden, 1), "relu6");
  y = conv_bn_act(b, name + ".dw", y, conv(hidden, 3, stride, hidden), "relu6");
  // The projection stays linear: the paper's point is that ReLU destroys the bottleneck.
  y = b.conv2d(name + ".project", y, conv(spec.out_channels, 1));
  if (stride == 1 && in == spec.out_channels) y = b.elementwise(name + ".add", {y, x}, "add");
  return y;
}

std::string classifier(Builder& b, const std::string& x) {
  const std::string pooled = b.flatten("flatten", b.global_avg_pool("avgpool", x));
  return b.linear("fc", pooled, 1000, true);
}

}  // namespace

MobileNetV1Features mobilenet_v1_backbone(Builder& b, const std::string& image) {
  MobileNetV1Features f;
  std::string x = conv_bn_act(b, "conv0", image, conv(32, 3, 2), "relu6");
  for (size_t i = 0; i < kV1Blocks.size(); ++i) {
    const std::string name = "conv" + std::to_string(i + 1);
    const SeparableSpec& s = kV1Blocks[i];
    x = conv_bn_act(b, name + ".dw", x, conv(b.channels(x), 3, s.stride, b.channels(x)), "relu6");
    x = conv_bn_act(b, name + ".pw", x, conv(s.out_channels, 1), "relu6");
    if (i + 1 == 11) f.conv11 = x;
  }
  f.conv13 = x;
  return f;
}

trace::Trace build_mobilenet_v1(const ZooOptions& options) {
  Builder b("mobilenet-v1", "", options, WeightQuant::per_channel);
  const std::string image =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  b.mark_output(classifier(b, mobilenet_v1_backbone(b, image).conv13));
  return b.finish();
}

trace::Trace build_mobilenet_v2(const ZooOptions& options) {
  Builder b("mobilenet-v2", "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  x = conv_bn_act(b, "conv0", x, conv(32, 3, 2), "relu6");
  int block = 0;
  for (const InvertedResidualSpec& stage : kV2Stages) {
    for (int i = 0; i < stage.repeats; ++i) {
      x = inverted_residual(b, "block" + std::to_string(++block), x, stage,
                            i == 0 ? stage.stride : 1);
    }
  }
  x = conv_bn_act(b, "conv_last", x, conv(1280, 1), "relu6");
  b.mark_output(classifier(b, x));
  return b.finish();
}

}  // namespace axsim::zoo
