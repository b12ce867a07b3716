#include "workloads/zoo/yolo_blocks.h"

#include <algorithm>
#include <cmath>

namespace axsim::zoo {

int64_t yolo_channels(const YoloScale& s, int64_t c) {
  const double scaled = static_cast<double>(std::min(c, s.max_channels)) * s.width;
  return static_cast<int64_t>(std::ceil(scaled / 8.0)) * 8;
}

int yolo_repeats(const YoloScale& s, int n) {
  return std::max(1, static_cast<int>(std::lround(n * s.depth)));
}

std::string yolo_conv(Builder& b, const std::string& name, const std::string& x, int64_t c_out,
                      int64_t kernel, int64_t stride) {
  return conv_bn_act(b, name, x, conv(c_out, kernel, stride), "silu");
}

std::string yolo_bottleneck(Builder& b, const std::string& name, const std::string& x,
                            int64_t first_kernel, bool shortcut) {
  const int64_t c = b.channels(x);
  std::string y = yolo_conv(b, name + ".cv1", x, c, first_kernel);
  y = yolo_conv(b, name + ".cv2", y, c, 3);
  return shortcut ? b.elementwise(name + ".add", {x, y}, "add") : y;
}

std::string yolo_sppf(Builder& b, const std::string& name, const std::string& x, int64_t c_out) {
  const std::string x0 = yolo_conv(b, name + ".cv1", x, b.channels(x) / 2, 1);
  const std::string y1 = b.max_pool(name + ".pool1", x0, 5, 1, 2);
  const std::string y2 = b.max_pool(name + ".pool2", y1, 5, 1, 2);
  const std::string y3 = b.max_pool(name + ".pool3", y2, 5, 1, 2);
  const std::string cat = b.concat(name + ".concat", {x0, y1, y2, y3}, 1);
  return yolo_conv(b, name + ".cv2", cat, c_out, 1);
}

}  // namespace axsim::zoo
