// DS-CNN keyword spotting: Zhang et al., "Hello Edge: Keyword Spotting on Microcontrollers",
// 2017, the small variant (DS-CNN-S: a 10x4/2 conv and four depthwise-separable blocks, all
// 64 channels; the one MLPerf Tiny adopted) on 49 frames x 10 MFCC features, 12 classes
// (10 keywords, silence, unknown). TensorFlow "SAME" padding, as in the authors' code.
#include <algorithm>
#include <array>
#include <string>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

constexpr int64_t kFrames = 49;
constexpr int64_t kMfcc = 10;
constexpr int64_t kChannels = 64;
constexpr int kBlocks = 4;
constexpr int64_t kClasses = 12;

// TensorFlow's SAME padding: output = ceil(in / stride); the odd pixel goes bottom/right.
std::array<int64_t, 2> same_padding(int64_t in, int64_t kernel, int64_t stride) {
  const int64_t out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>(0, (out - 1) * stride + kernel - in);
  return {total / 2, total - total / 2};
}

}  // namespace

trace::Trace build_ds_cnn(const ZooOptions& options) {
  Builder b("ds-cnn", "", options, WeightQuant::per_channel);
  std::string x = b.image_input("mfcc", {options.batch, 1, kFrames, kMfcc});
  ConvSpec first;
  first.out_channels = kChannels;
  first.kernel = {10, 4};
  first.stride = {2, 2};
  const auto [top, bottom] = same_padding(kFrames, 10, 2);
  const auto [left, right] = same_padding(kMfcc, 4, 2);
  first.padding = std::array<int64_t, 4>{top, left, bottom, right};
  x = conv_bn_act(b, "conv1", x, first, "relu");
  for (int i = 0; i < kBlocks; ++i) {
    const std::string name = "ds" + std::to_string(i + 1);
    x = conv_bn_act(b, name + ".dw", x, conv(kChannels, 3, 1, kChannels), "relu");
    x = conv_bn_act(b, name + ".pw", x, conv(kChannels, 1), "relu");
  }
  x = b.flatten("flatten", b.global_avg_pool("avgpool", x));
  b.mark_output(b.linear("fc", x, kClasses, true));
  return b.finish();
}

}  // namespace axsim::zoo
