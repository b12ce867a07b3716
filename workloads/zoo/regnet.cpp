// RegNetX-800MF: Radosavovic et al., "Designing Network Design Spaces", CVPR 2020. The X
// block is a ResNeXt bottleneck with bottleneck ratio 1 and group width 16; the stage widths
// and depths are the ones the paper's quantised linear rule gives for 800MF (its Appendix /
// the pycls model zoo): depths 1, 3, 7, 5 and widths 64, 128, 288, 672.
#include <array>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

constexpr std::array<int, 4> kDepths{1, 3, 7, 5};
constexpr std::array<int64_t, 4> kWidths{64, 128, 288, 672};
constexpr int64_t kGroupWidth = 16;

std::string x_block(Builder& b, const std::string& name, const std::string& x, int64_t width,
                    int64_t stride) {
  std::string y = conv_bn_act(b, name + ".a", x, conv(width, 1), "relu");
  y = conv_bn_act(b, name + ".b", y, conv(width, 3, stride, width / kGroupWidth), "relu");
  y = b.conv2d(name + ".c", y, conv(width, 1));
  std::string skip = x;
  if (stride != 1 || b.channels(x) != width) {
    skip = b.conv2d(name + ".proj", x, conv(width, 1, stride));
  }
  return b.activation(name + ".relu", b.elementwise(name + ".add", {y, skip}, "add"), "relu");
}

}  // namespace

trace::Trace build_regnetx_800mf(const ZooOptions& options) {
  Builder b("regnetx-800mf", "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  x = conv_bn_act(b, "stem", x, conv(32, 3, 2), "relu");
  for (size_t stage = 0; stage < kDepths.size(); ++stage) {
    for (int i = 0; i < kDepths[stage]; ++i) {
      const std::string name = "s" + std::to_string(stage + 1) + ".b" + std::to_string(i + 1);
      x = x_block(b, name, x, kWidths[stage], i == 0 ? 2 : 1);
    }
  }
  x = b.flatten("flatten", b.global_avg_pool("avgpool", x));
  b.mark_output(b.linear("fc", x, 1000, true));
  return b.finish();
}

}  // namespace axsim::zoo
