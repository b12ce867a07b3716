// YOLOv5 (Ultralytics, v6.0+ architecture, github.com/ultralytics/yolov5 models/*.yaml):
// CSP backbone of C3 blocks and SPPF, PANet neck, and the Detect head's 1x1 convs (3 anchors
// x (80 classes + 5)) per pyramid level. The P6 variants (yolov5m6) add a stride-64 level.
// Box decoding and NMS are post-processing, not part of the network.
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"
#include "workloads/zoo/yolo_blocks.h"

namespace axsim::zoo {

namespace {

constexpr int64_t kDetectOutputs = 3 * (80 + 5);

// C3: two 1x1 branches at half width, one through n bottlenecks, concatenated and fused.
std::string c3(Builder& b, const std::string& name, const std::string& x, int64_t c_out, int n,
               bool shortcut) {
  std::string y = yolo_conv(b, name + ".cv1", x, c_out / 2, 1);
  for (int i = 0; i < n; ++i) {
    y = yolo_bottleneck(b, name + ".m" + std::to_string(i), y, 1, shortcut);
  }
  const std::string side = yolo_conv(b, name + ".cv2", x, c_out / 2, 1);
  return yolo_conv(b, name + ".cv3", b.concat(name + ".concat", {y, side}, 1), c_out, 1);
}

YoloScale scale_of(char size) {
  if (size == 's') return {0.33, 0.50, 1 << 30};
  if (size == 'm') return {0.67, 0.75, 1 << 30};
  throw std::logic_error(std::string("no YOLOv5 size ") + size);
}

}  // namespace

trace::Trace build_yolov5(char size, bool p6, const ZooOptions& options) {
  const YoloScale s = scale_of(size);
  const std::vector<int64_t> widths = p6 ? std::vector<int64_t>{128, 256, 512, 768, 1024}
                                         : std::vector<int64_t>{128, 256, 512, 1024};
  const std::vector<int> repeats =
      p6 ? std::vector<int>{3, 6, 9, 3, 3} : std::vector<int>{3, 6, 9, 3};
  Builder b(std::string("yolov5") + size + (p6 ? "6" : ""), "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  ConvSpec stem = conv(yolo_channels(s, 64), 6, 2);
  stem.padding = std::array<int64_t, 4>{2, 2, 2, 2};
  x = conv_bn_act(b, "stem", x, stem, "silu");

  std::vector<std::string> features;  // C3 outputs at strides 4, 8, 16, ...
  for (size_t i = 0; i < widths.size(); ++i) {
    const std::string name = "stage" + std::to_string(i + 1);
    const int64_t c = yolo_channels(s, widths[i]);
    x = yolo_conv(b, name + ".down", x, c, 3, 2);
    features.push_back(c3(b, name + ".c3", x, c, yolo_repeats(s, repeats[i]), true));
    x = features.back();
  }
  x = yolo_sppf(b, "sppf", x, yolo_channels(s, widths.back()));

  // The pyramid levels are the strides from 8 up: widths[1..].
  const std::vector<int64_t> levels(widths.begin() + 1, widths.end());
  const size_t top = levels.size() - 1;
  const int head_repeats = yolo_repeats(s, 3);
  std::vector<std::string> lateral(top);
  for (size_t i = top; i-- > 0;) {  // top-down
    const std::string name = "up" + std::to_string(i);
    lateral[i] = yolo_conv(b, name + ".lateral", x, yolo_channels(s, levels[i]), 1);
    x = b.concat(name + ".concat", {b.resize(name + ".upsample", lateral[i], 2), features[i + 1]},
                 1);
    x = c3(b, name + ".c3", x, yolo_channels(s, levels[i]), head_repeats, false);
  }
  std::vector<std::string> outs{x};
  for (size_t i = 1; i <= top; ++i) {  // bottom-up
    const std::string name = "down" + std::to_string(i);
    x = yolo_conv(b, name + ".conv", x, yolo_channels(s, levels[i - 1]), 3, 2);
    x = b.concat(name + ".concat", {x, lateral[i - 1]}, 1);
    x = c3(b, name + ".c3", x, yolo_channels(s, levels[i]), head_repeats, false);
    outs.push_back(x);
  }
  for (size_t i = 0; i < outs.size(); ++i) {
    b.mark_output(b.conv2d("detect" + std::to_string(i), outs[i], conv(kDetectOutputs, 1)));
  }
  return b.finish();
}

}  // namespace axsim::zoo
