// The Verilated streaming convolution stage (hw/rtl/conv_stream.sv) is the ground truth of
// dataflow::stream_stage_cycles(): on seeded frames its outputs equal a plain C++ "same"
// convolution bit for bit, and its first and last output cycles and input stall cycles
// equal the C++ functions exactly, for every width, height and consumer period checked.
#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <utility>
#include <vector>

#include "hw/dataflow/conv_stream_check.h"
#include "hw/dataflow/conv_stream_rtl.h"
#include "models/dataflow/stream_stage.h"

using namespace axsim;

namespace {

dataflow::StageCycles model(int64_t width, int64_t height, int64_t period) {
  return dataflow::stream_stage_cycles({width, height, 3}, period);
}

}  // namespace

TEST_CASE("conv_stream RTL outputs are bit-exact to the reference convolution", "[rtl][dataflow]") {
  for (const auto& [width, height] : std::vector<std::pair<int64_t, int64_t>>{
           {1, 1}, {3, 2}, {4, 5}, {7, 3}, {16, 16}, {33, 5}, {64, 9}}) {
    const hw::StreamCheckRow row = hw::run_stream_check(width, height, 1, 42);
    INFO(width << "x" << height);
    CHECK(row.outputs_match);
  }
}

TEST_CASE("conv_stream reference convolution: a hand-computed 3x3 frame", "[rtl][dataflow]") {
  // Centre-tap identity plus a right neighbour weight of 2: out(r, c) = x(r, c) + 2 x(r, c+1).
  const std::vector<int8_t> weights = {0, 0, 0, 0, 1, 2, 0, 0, 0};
  const std::vector<int8_t> pixels = {1, 2, 3, 4, 5, 6, -7, 8, 127};
  const std::vector<int32_t> expected = {5, 8, 3, 14, 17, 6, 9, 262, 127};
  CHECK(hw::conv_same_reference(3, 3, weights, pixels) == expected);
  CHECK(hw::run_conv_stream_on_rtl(3, 3, weights, pixels, 2).outputs == expected);
}

TEST_CASE("conv_stream RTL extremes: all -128 pixels and weights", "[rtl][dataflow]") {
  const std::vector<int8_t> weights(9, -128);
  const std::vector<int8_t> pixels(33 * 4, -128);
  const hw::ConvStreamRun run = hw::run_conv_stream_on_rtl(33, 4, weights, pixels, 3);
  CHECK(run.outputs == hw::conv_same_reference(33, 4, weights, pixels));
  CHECK(run.outputs[33 + 1] == 9 * 16384);
}

TEST_CASE("conv_stream RTL cycle counts equal stream_stage_cycles on every checked size",
          "[rtl][dataflow]") {
  const std::vector<hw::StreamCheckRow> rows = hw::run_stream_checks(1);
  CHECK(rows.size() == 7 * 5 * 4);
  for (const hw::StreamCheckRow& r : rows) {
    INFO(r.width << "x" << r.height << " period " << r.consumer_period);
    CHECK(r.outputs_match);
    CHECK(r.rtl_first == r.model_first);
    CHECK(r.rtl_last == r.model_last);
    CHECK(r.rtl_stalled == r.model_stalled);
  }
}

TEST_CASE("conv_stream RTL: a stalled consumer lengthens the frame by the predicted amount",
          "[rtl][dataflow]") {
  const int64_t width = 16;
  const int64_t height = 5;
  const std::vector<int8_t> weights(9, 1);
  const std::vector<int8_t> pixels(static_cast<size_t>(width * height), 3);
  const hw::ConvStreamRun fast = hw::run_conv_stream_on_rtl(width, height, weights, pixels, 1);
  const hw::ConvStreamRun slow = hw::run_conv_stream_on_rtl(width, height, weights, pixels, 3);
  CHECK(fast.outputs == slow.outputs);
  CHECK(fast.inputs_stalled == 0);
  CHECK(slow.inputs_stalled > 0);  // back-pressure reached the producer
  const dataflow::StageCycles fast_model = model(width, height, 1);
  const dataflow::StageCycles slow_model = model(width, height, 3);
  CHECK(slow.last_output - fast.last_output == slow_model.last_output - fast_model.last_output);
  CHECK(slow.inputs_stalled == slow_model.inputs_stalled);
  // The consumer sets the rate: one output every 3 cycles from the first.
  CHECK(slow.last_output == slow.first_output + (width * height - 1) * 3);
}

TEST_CASE("conv_stream RTL facade rejects what it was not verilated for", "[rtl][dataflow]") {
  const std::vector<int8_t> weights(9, 1);
  CHECK_THROWS_AS(hw::run_conv_stream_on_rtl(65, 1, weights, std::vector<int8_t>(65), 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(hw::run_conv_stream_on_rtl(4, 1, weights, std::vector<int8_t>(3), 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      hw::run_conv_stream_on_rtl(4, 1, std::vector<int8_t>(4), std::vector<int8_t>(4), 1),
      std::invalid_argument);
  CHECK_THROWS_AS(hw::run_conv_stream_on_rtl(4, 1, weights, std::vector<int8_t>(4), 0),
                  std::invalid_argument);
}

TEST_CASE("conv_stream model: stream_stage_cycles with an always-ready consumer",
          "[rtl][dataflow]") {
  for (const int64_t width : {2, 3, 16, 224}) {
    for (const int64_t height : {2, 7, 224}) {
      const dataflow::StageCycles c = model(width, height, 1);
      INFO(width << "x" << height);
      // Input (1, 1) arrives at cycle width + 1, output (0, 0) is computed the next cycle and
      // leaves the one after.
      CHECK(c.first_output == width + 3);
      // Then one output per cycle: the outputs trail the inputs by width + 2 cycles.
      CHECK(c.last_output == c.first_output + width * height - 1);
      CHECK(c.inputs_stalled == 0);
    }
  }
  // A single row (column) needs no row below (column to the right of) the centre.
  CHECK(model(5, 1, 1).first_output == 1 + 2);
  CHECK(model(1, 5, 1).first_output == 1 + 2);
  CHECK(model(1, 1, 1).first_output == 2);
}

TEST_CASE("conv_stream model: stream_stage_cycles equals the closed forms of the contract",
          "[rtl][dataflow]") {
  const auto next_ready = [](int64_t t, int64_t p) {
    return t <= p - 1 ? p - 1 : p - 1 + (t - (p - 1) + p - 1) / p * p;
  };
  for (const int64_t kernel : {1, 3, 5}) {
    for (int64_t width = 1; width <= 20; ++width) {
      for (int64_t height = 1; height <= 12; ++height) {
        for (int64_t period = 1; period <= 5; ++period) {
          const dataflow::StreamStage stage{width, height, kernel};
          const dataflow::StageCycles c = dataflow::stream_stage_cycles(stage, period);
          const int64_t half = kernel / 2;
          const int64_t reach0 = std::min(half, height - 1) * width + std::min(half, width - 1);
          const int64_t pixels = width * height;
          INFO(kernel << "x" << kernel << " " << width << "x" << height << " period " << period);
          CHECK(c.first_output == next_ready(reach0 + 2, period));
          CHECK(c.last_output == c.first_output + (pixels - 1) * period);
          if (period == 1 || pixels <= dataflow::line_buffer_pixels(stage)) {
            CHECK(c.inputs_stalled == 0);
          }
        }
      }
    }
  }
}

TEST_CASE("conv_stream model: steady state, fill and bad stages", "[rtl][dataflow]") {
  for (const int64_t period : {1, 2, 3, 5}) {
    const dataflow::StreamStage stage{16, 8, 3};
    const dataflow::StageCycles shorter = model(16, 8, period);
    const dataflow::StageCycles longer = model(16, 9, period);
    INFO("period " << period);
    CHECK(longer.last_output - shorter.last_output ==
          dataflow::steady_cycles_per_row(stage, period));
    CHECK(shorter.first_output == model(16, 2, period).first_output);
  }
  CHECK(dataflow::steady_cycles_per_row({16, 8, 3}, 3) == 48);
  CHECK(dataflow::fill_rows({16, 8, 3}) == 2);
  CHECK(dataflow::fill_rows({16, 1, 3}) == 1);
  CHECK(dataflow::fill_rows({16, 8, 5}) == 3);
  CHECK(dataflow::line_buffer_pixels({16, 8, 3}) == 2 * 16 + 4);
  CHECK_THROWS_AS(dataflow::stream_stage_cycles({0, 4, 3}, 1), std::invalid_argument);
  CHECK_THROWS_AS(dataflow::stream_stage_cycles({4, 4, 2}, 1), std::invalid_argument);
}
