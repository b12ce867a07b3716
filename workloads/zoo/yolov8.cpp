// YOLOv8 (Ultralytics, github.com/ultralytics/ultralytics cfg/models/v8/yolov8.yaml): C2f
// backbone and SPPF, a PAN neck without lateral convs, and the anchor-free decoupled Detect
// head (per level: a box branch to 4 x 16 distribution bins and a class branch to 80
// classes). The DFL box decoding after the head (a softmax and 16 fixed weights) is
// post-processing, as is NMS.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"
#include "workloads/zoo/yolo_blocks.h"

namespace axsim::zoo {

namespace {

constexpr int64_t kClasses = 80;
constexpr int64_t kRegMax = 16;

// C2f: a 1x1 conv to twice the hidden width whose output is split in two halves; the second
// half runs through n bottlenecks, and every intermediate is concatenated and fused. The
// trace has no split, so the 1x1 conv is written as its two halves (same MACs and weights).
std::string c2f(Builder& b, const std::string& name, const std::string& x, int64_t c_out, int n,
                bool shortcut) {
  const int64_t c = c_out / 2;
  std::vector<std::string> parts{yolo_conv(b, name + ".cv1a", x, c, 1),
                                 yolo_conv(b, name + ".cv1b", x, c, 1)};
  for (int i = 0; i < n; ++i) {
    parts.push_back(yolo_bottleneck(b, name + ".m" + std::to_string(i), parts.back(), 3, shortcut));
  }
  return yolo_conv(b, name + ".cv2", b.concat(name + ".concat", parts, 1), c_out, 1);
}

std::string detect_level(Builder& b, const std::string& name, const std::string& x,
                         int64_t box_width, int64_t cls_width) {
  std::string box = yolo_conv(b, name + ".box1", x, box_width, 3);
  box = yolo_conv(b, name + ".box2", box, box_width, 3);
  box = b.conv2d(name + ".box_out", box, conv(4 * kRegMax, 1));
  std::string cls = yolo_conv(b, name + ".cls1", x, cls_width, 3);
  cls = yolo_conv(b, name + ".cls2", cls, cls_width, 3);
  cls = b.conv2d(name + ".cls_out", cls, conv(kClasses, 1));
  return b.concat(name + ".concat", {box, cls}, 1);
}

YoloScale scale_of(char size) {
  if (size == 'n') return {0.33, 0.25, 1024};
  if (size == 's') return {0.33, 0.50, 1024};
  if (size == 'm') return {0.67, 0.75, 768};
  throw std::logic_error(std::string("no YOLOv8 size ") + size);
}

}  // namespace

trace::Trace build_yolov8(char size, const ZooOptions& options) {
  const YoloScale s = scale_of(size);
  const std::vector<int64_t> widths{128, 256, 512, 1024};
  const std::vector<int> repeats{3, 6, 6, 3};
  Builder b(std::string("yolov8") + size, "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  x = yolo_conv(b, "stem", x, yolo_channels(s, 64), 3, 2);
  std::vector<std::string> features;  // C2f outputs at strides 4, 8, 16, 32
  for (size_t i = 0; i < widths.size(); ++i) {
    const std::string name = "stage" + std::to_string(i + 1);
    const int64_t c = yolo_channels(s, widths[i]);
    x = yolo_conv(b, name + ".down", x, c, 3, 2);
    features.push_back(c2f(b, name + ".c2f", x, c, yolo_repeats(s, repeats[i]), true));
    x = features.back();
  }
  x = yolo_sppf(b, "sppf", x, yolo_channels(s, widths.back()));

  const int head_repeats = yolo_repeats(s, 3);
  // Pyramid levels at strides 8, 16, 32; top_down[i] is what the bottom-up path joins.
  std::vector<std::string> top_down{"", "", x};
  for (size_t i = 2; i-- > 0;) {
    const std::string name = "up" + std::to_string(i);
    x = b.concat(name + ".concat", {b.resize(name + ".upsample", x, 2), features[i + 1]}, 1);
    x = c2f(b, name + ".c2f", x, yolo_channels(s, widths[i + 1]), head_repeats, false);
    top_down[i] = x;
  }
  std::vector<std::string> outs{x};
  for (size_t i = 1; i < 3; ++i) {
    const std::string name = "down" + std::to_string(i);
    x = yolo_conv(b, name + ".conv", x, yolo_channels(s, widths[i]), 3, 2);
    x = b.concat(name + ".concat", {x, top_down[i]}, 1);
    x = c2f(b, name + ".c2f", x, yolo_channels(s, widths[i + 1]), head_repeats, false);
    outs.push_back(x);
  }
  // Head widths follow the stride-8 level: Detect.__init__'s c2 and c3.
  const int64_t p3 = b.channels(outs[0]);
  const int64_t box_width = std::max<int64_t>({16, p3 / 4, 4 * kRegMax});
  const int64_t cls_width = std::max<int64_t>(p3, std::min<int64_t>(kClasses, 100));
  for (size_t i = 0; i < outs.size(); ++i) {
    b.mark_output(detect_level(b, "detect" + std::to_string(i), outs[i], box_width, cls_width));
  }
  return b.finish();
}

}  // namespace axsim::zoo
