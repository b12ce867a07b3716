#include "models/dataflow/stream_stage.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace axsim::dataflow {
namespace {

void check_stage(const StreamStage& stage) {
  if (stage.width < 1 || stage.height < 1 || stage.kernel < 1 || stage.kernel % 2 == 0) {
    throw std::invalid_argument("stream stage " + std::to_string(stage.width) + "x" +
                                std::to_string(stage.height) + " kernel " +
                                std::to_string(stage.kernel) +
                                ": width and height must be >= 1 and the kernel odd");
  }
}

// D(k): the last pixel in raster order that the window centred on pixel k reads, which is
// also the last output that reads pixel k (the window is symmetric).
int64_t reach(const StreamStage& s, int64_t k) {
  const int64_t half = s.kernel / 2;
  const int64_t r = std::min(k / s.width + half, s.height - 1);
  const int64_t c = std::min(k % s.width + half, s.width - 1);
  return r * s.width + c;
}

// The first cycle >= t on which the consumer is ready.
int64_t next_ready(int64_t t, int64_t period) {
  const int64_t phase = period - 1;
  return t <= phase ? phase : phase + (t - phase + period - 1) / period * period;
}

}  // namespace

// The RTL's rules (hw/rtl/conv_stream.sv), with a_i the cycle input i is accepted, c_j the
// cycle output j is computed into the output register and h_j the cycle it leaves:
//   a_i = max(a_{i-1} + 1, c_{D(i - span)} + 1)     (i >= span; a_0 = 0)
//   c_j = max(a_{D(j)} + 1, h_{j-1})                 (register free: empty or emptying)
//   h_j = the first ready cycle >= c_j + 1
// Outputs resolve in raster order as soon as the inputs they wait for are known, in one pass
// over the inputs: D(j) <= j + half * (width + 1) and span = 2 * half * (width + 1) + 2, so
// every output up to D(i - span) waits only for inputs before i - 1.
StageCycles stream_stage_cycles(const StreamStage& stage, int64_t consumer_period) {
  check_stage(stage);
  const int64_t period = std::max<int64_t>(1, consumer_period);
  const int64_t pixels = stage.width * stage.height;
  const int64_t span = line_buffer_pixels(stage);
  std::vector<int64_t> accepted(static_cast<size_t>(pixels));
  std::vector<int64_t> computed(static_cast<size_t>(pixels));
  int64_t next_output = 0;
  int64_t left_at = 0;  // h of the last resolved output
  const auto resolve_outputs = [&](int64_t inputs_known) {
    for (; next_output < pixels && reach(stage, next_output) < inputs_known; ++next_output) {
      int64_t c = accepted[static_cast<size_t>(reach(stage, next_output))] + 1;
      if (next_output > 0) c = std::max(c, left_at);
      computed[static_cast<size_t>(next_output)] = c;
      left_at = next_ready(c + 1, period);
    }
  };
  for (int64_t i = 0; i < pixels; ++i) {
    resolve_outputs(i);
    int64_t a = i == 0 ? 0 : accepted[static_cast<size_t>(i - 1)] + 1;
    if (i >= span) a = std::max(a, computed[static_cast<size_t>(reach(stage, i - span))] + 1);
    accepted[static_cast<size_t>(i)] = a;
  }
  StageCycles cycles;
  resolve_outputs(pixels);
  cycles.last_output = left_at;
  cycles.first_output = next_ready(computed[0] + 1, period);
  cycles.inputs_stalled = accepted[static_cast<size_t>(pixels - 1)] + 1 - pixels;
  return cycles;
}

int64_t fill_rows(const StreamStage& stage) {
  const int64_t rows = stage.kernel / 2 + 1;
  return stage.height >= 1 ? std::min(rows, stage.height) : rows;
}

int64_t line_buffer_pixels(const StreamStage& stage) {
  return (stage.kernel - 1) * stage.width + stage.kernel + 1;
}

int64_t steady_cycles_per_row(const StreamStage& stage, int64_t consumer_period) {
  return stage.width * std::max<int64_t>(1, consumer_period);
}

}  // namespace axsim::dataflow
