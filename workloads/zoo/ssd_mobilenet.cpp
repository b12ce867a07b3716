// SSD-MobileNet-V1: SSD (Liu et al., "SSD: Single Shot MultiBox Detector", ECCV 2016) on the
// MobileNetV1 feature extractor, as the MobileNet paper evaluates it (Howard et al. 2017,
// Table 13: 300x300, 1.2 G mult-adds, 6.8 M parameters) and as the TensorFlow Object
// Detection API ships it (ssd_mobilenet_v1_coco): detection maps from conv11 and conv13 plus
// four extra 1x1-then-3x3/2 layers; 1x1 box predictors; 3 anchors on the first map and 6 on
// the others; 90 COCO classes plus background.
#include <array>
#include <string>
#include <vector>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/mobilenet.h"
#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

constexpr int64_t kClasses = 91;
constexpr std::array<int64_t, 4> kExtraDepths{512, 256, 256, 128};

}  // namespace

trace::Trace build_ssd_mobilenet_v1(const ZooOptions& options) {
  Builder b("ssd-mobilenet-v1", "", options, WeightQuant::per_channel);
  const std::string image =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  const MobileNetV1Features f = mobilenet_v1_backbone(b, image);
  std::vector<std::string> maps{f.conv11, f.conv13};
  std::string x = f.conv13;
  for (size_t i = 0; i < kExtraDepths.size(); ++i) {
    const std::string name = "extra" + std::to_string(i + 1);
    x = conv_bn_act(b, name + ".reduce", x, conv(kExtraDepths[i] / 2, 1), "relu6");
    x = conv_bn_act(b, name + ".conv", x, conv(kExtraDepths[i], 3, 2), "relu6");
    maps.push_back(x);
  }
  for (size_t i = 0; i < maps.size(); ++i) {
    const int64_t anchors = i == 0 ? 3 : 6;
    const std::string name = "predictor" + std::to_string(i);
    b.mark_output(b.conv2d(name + ".box", maps[i], conv(anchors * 4, 1)));
    b.mark_output(b.conv2d(name + ".class", maps[i], conv(anchors * kClasses, 1)));
  }
  return b.finish();
}

}  // namespace axsim::zoo
