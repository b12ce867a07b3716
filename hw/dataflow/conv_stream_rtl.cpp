#include "hw/dataflow/conv_stream_rtl.h"

#include <memory>
#include <stdexcept>
#include <string>

#include "Vconv_stream.h"
#include "verilated.h"

namespace axsim::hw {
namespace {

// The -G values in hw/dataflow/CMakeLists.txt and the port widths of conv_stream.sv.
constexpr int64_t kMaxWidth = 64;
constexpr int64_t kKernel = 3;
constexpr int64_t kDimBits = 16;

// A frame in flight that moves no pixel for kStallLimit cycles is stuck: every wait in the
// stage is bounded by the consumer period.
constexpr int64_t kMaxPeriod = 1 << 16;
constexpr int64_t kStallLimit = 1 << 20;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("conv_stream RTL: " + what);
}

class Stage {
 public:
  Stage() : context_(std::make_unique<VerilatedContext>()) {
    model_ = std::make_unique<Vconv_stream>(context_.get());
    // A falling rst_n edge: the registers' asynchronous reset.
    model_->clk = 0;
    model_->rst_n = 1;
    model_->eval();
    model_->rst_n = 0;
    model_->eval();
    model_->rst_n = 1;
    model_->eval();
  }
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;
  ~Stage() { model_->final(); }

  Vconv_stream& ports() { return *model_; }

  void tick() {
    model_->clk = 1;
    model_->eval();
    model_->clk = 0;
    model_->eval();
  }

 private:
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Vconv_stream> model_;
};

}  // namespace

ConvStreamRtlLimits conv_stream_rtl_limits() {
  return {kMaxWidth, (int64_t{1} << kDimBits) - 1, kKernel};
}

ConvStreamRun run_conv_stream_on_rtl(int64_t width, int64_t height,
                                     const std::vector<int8_t>& weights,
                                     const std::vector<int8_t>& pixels, int64_t consumer_period) {
  const ConvStreamRtlLimits limits = conv_stream_rtl_limits();
  require(width >= 1 && width <= limits.max_width,
          "width must be 1.." + std::to_string(limits.max_width));
  require(height >= 1 && height <= limits.max_height,
          "height must be 1.." + std::to_string(limits.max_height));
  require(static_cast<int64_t>(weights.size()) == limits.kernel * limits.kernel,
          "expected " + std::to_string(limits.kernel * limits.kernel) + " weights");
  require(static_cast<int64_t>(pixels.size()) == width * height,
          "expected width x height = " + std::to_string(width * height) + " pixels");
  require(consumer_period >= 1 && consumer_period <= kMaxPeriod,
          "consumer_period must be 1.." + std::to_string(kMaxPeriod));

  Stage stage;
  Vconv_stream& p = stage.ports();
  p.w_load = 1;
  for (const int8_t w : weights) {
    p.w_data = static_cast<uint8_t>(w);
    stage.tick();
  }
  p.w_load = 0;
  p.width = static_cast<uint16_t>(width);
  p.height = static_cast<uint16_t>(height);
  p.start = 1;
  stage.tick();
  p.start = 0;

  ConvStreamRun run;
  const size_t total = pixels.size();
  run.outputs.reserve(total);
  size_t sent = 0;
  int64_t last_progress = 0;
  for (int64_t cycle = 0; run.outputs.size() < total; ++cycle) {
    if (cycle - last_progress >= kStallLimit) {
      throw std::runtime_error("conv_stream RTL: no pixel moved for " +
                               std::to_string(kStallLimit) + " cycles at cycle " +
                               std::to_string(cycle));
    }
    p.in_valid = sent < total ? 1 : 0;
    p.in_data = sent < total ? static_cast<uint8_t>(pixels[sent]) : 0;
    p.out_ready = cycle % consumer_period == consumer_period - 1 ? 1 : 0;
    p.eval();
    if (p.in_valid && p.in_ready) {
      ++sent;
      last_progress = cycle;
    } else if (p.in_valid) {
      ++run.inputs_stalled;
    }
    if (p.out_valid && p.out_ready) {
      if (run.outputs.empty()) run.first_output = cycle;
      run.last_output = cycle;
      run.outputs.push_back(static_cast<int32_t>(p.out_data));
      last_progress = cycle;
    }
    stage.tick();
  }
  return run;
}

}  // namespace axsim::hw
