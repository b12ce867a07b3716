// EfficientNet-B0: Tan & Le, "EfficientNet: Rethinking Model Scaling for Convolutional
// Neural Networks", ICML 2019, Table 1. MBConv blocks with squeeze-and-excitation (reduction
// to a quarter of the block's input channels) and SiLU ("swish").
#include <algorithm>
#include <array>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

struct MBConvStage {
  int64_t expansion;
  int64_t kernel;
  int64_t stride;  // of the first repeat
  int64_t out_channels;
  int repeats;
};

constexpr std::array<MBConvStage, 7> kStages{{{1, 3, 1, 16, 1},
                                              {6, 3, 2, 24, 2},
                                              {6, 5, 2, 40, 2},
                                              {6, 3, 2, 80, 3},
                                              {6, 5, 1, 112, 3},
                                              {6, 5, 2, 192, 4},
                                              {6, 3, 1, 320, 1}}};

std::string squeeze_excite(Builder& b, const std::string& name, const std::string& x,
                           int64_t reduced) {
  const int64_t c = b.channels(x);
  std::string s = b.global_avg_pool(name + ".pool", x);
  s = conv_bn_act(b, name + ".reduce", s, conv(reduced, 1), "silu");
  s = conv_bn_act(b, name + ".expand", s, conv(c, 1), "sigmoid");
  return b.elementwise(name + ".scale", {x, s}, "mul");
}

std::string mbconv(Builder& b, const std::string& name, const std::string& x,
                   const MBConvStage& spec, int64_t stride) {
  const int64_t in = b.channels(x);
  const int64_t hidden = in * spec.expansion;
  std::string y = x;
  if (spec.expansion != 1) y = conv_bn_act(b, name + ".expand", y, conv(hidden, 1), "silu");
  y = conv_bn_act(b, name + ".dw", y, conv(hidden, spec.kernel, stride, hidden), "silu");
  y = squeeze_excite(b, name + ".se", y, std::max<int64_t>(1, in / 4));
  y = b.conv2d(name + ".project", y, conv(spec.out_channels, 1));
  if (stride == 1 && in == spec.out_channels) y = b.elementwise(name + ".add", {y, x}, "add");
  return y;
}

}  // namespace

trace::Trace build_efficientnet_b0(const ZooOptions& options) {
  Builder b("efficientnet-b0", "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  x = conv_bn_act(b, "stem", x, conv(32, 3, 2), "silu");
  int block = 0;
  for (const MBConvStage& stage : kStages) {
    for (int i = 0; i < stage.repeats; ++i) {
      x = mbconv(b, "block" + std::to_string(++block), x, stage, i == 0 ? stage.stride : 1);
    }
  }
  x = conv_bn_act(b, "head", x, conv(1280, 1), "silu");
  x = b.flatten("flatten", b.global_avg_pool("avgpool", x));
  b.mark_output(b.linear("fc", x, 1000, true));
  return b.finish();
}

}  // namespace axsim::zoo
