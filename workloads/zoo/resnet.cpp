// ResNet-18/34/50: He et al., "Deep Residual Learning for Image Recognition", CVPR 2016,
// Table 1. ResNet-50 follows the torchvision layout (stride on the 3x3 conv of a bottleneck,
// "v1.5"), which is the variant the usual 4.1 GMAC / 25.6 M figures describe.
#include <array>
#include <stdexcept>
#include <string>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

std::string shortcut(Builder& b, const std::string& name, const std::string& x,
                     int64_t out_channels, int64_t stride) {
  if (stride == 1 && b.channels(x) == out_channels) return x;
  return b.conv2d(name + ".downsample", x, conv(out_channels, 1, stride));
}

std::string basic_block(Builder& b, const std::string& name, const std::string& x, int64_t width,
                        int64_t stride) {
  std::string y = conv_bn_act(b, name + ".conv1", x, conv(width, 3, stride), "relu");
  y = b.conv2d(name + ".conv2", y, conv(width, 3));
  const std::string sum =
      b.elementwise(name + ".add", {y, shortcut(b, name, x, width, stride)}, "add");
  return b.activation(name + ".relu", sum, "relu");
}

std::string bottleneck(Builder& b, const std::string& name, const std::string& x, int64_t width,
                       int64_t stride) {
  const int64_t out = width * 4;
  std::string y = conv_bn_act(b, name + ".conv1", x, conv(width, 1), "relu");
  y = conv_bn_act(b, name + ".conv2", y, conv(width, 3, stride), "relu");
  y = b.conv2d(name + ".conv3", y, conv(out, 1));
  const std::string sum =
      b.elementwise(name + ".add", {y, shortcut(b, name, x, out, stride)}, "add");
  return b.activation(name + ".relu", sum, "relu");
}

}  // namespace

trace::Trace build_resnet(int depth, const ZooOptions& options) {
  std::array<int, 4> blocks{};
  switch (depth) {
    case 18:
      blocks = {2, 2, 2, 2};
      break;
    case 34:
      blocks = {3, 4, 6, 3};
      break;
    case 50:
      blocks = {3, 4, 6, 3};
      break;
    default:
      throw std::logic_error("no ResNet-" + std::to_string(depth));
  }
  const bool use_bottleneck = depth >= 50;
  Builder b("resnet" + std::to_string(depth), "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  x = conv_bn_act(b, "conv1", x, conv(64, 7, 2), "relu");
  x = b.max_pool("maxpool", x, 3, 2, 1);
  for (int stage = 0; stage < 4; ++stage) {
    const int64_t width = int64_t{64} << stage;
    for (int i = 0; i < blocks[stage]; ++i) {
      const std::string name = "layer" + std::to_string(stage + 1) + "." + std::to_string(i);
      const int64_t stride = (stage > 0 && i == 0) ? 2 : 1;
      x = use_bottleneck ? bottleneck(b, name, x, width, stride)
                         : basic_block(b, name, x, width, stride);
    }
  }
  x = b.flatten("flatten", b.global_avg_pool("avgpool", x));
  b.mark_output(b.linear("fc", x, 1000, true));
  return b.finish();
}

}  // namespace axsim::zoo
