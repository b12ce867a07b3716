#include "hw/dataflow/conv_stream_check.h"

#include <cmath>
#include <random>
#include <stdexcept>

#include "hw/dataflow/conv_stream_rtl.h"
#include "models/dataflow/stream_stage.h"

namespace axsim::hw {
namespace {

std::vector<int8_t> random_int8(size_t count, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> value(-128, 127);
  std::vector<int8_t> v(count);
  for (int8_t& x : v) x = static_cast<int8_t>(value(rng));
  return v;
}

}  // namespace

std::vector<int32_t> conv_same_reference(int64_t width, int64_t height,
                                         const std::vector<int8_t>& weights,
                                         const std::vector<int8_t>& pixels) {
  const auto kernel = static_cast<int64_t>(std::lround(std::sqrt(weights.size())));
  if (kernel * kernel != static_cast<int64_t>(weights.size()) || kernel % 2 == 0 ||
      static_cast<int64_t>(pixels.size()) != width * height) {
    throw std::invalid_argument(
        "conv_same_reference: expected an odd square kernel and "
        "width x height pixels");
  }
  const int64_t half = kernel / 2;
  std::vector<int32_t> out(pixels.size());
  for (int64_t r = 0; r < height; ++r) {
    for (int64_t c = 0; c < width; ++c) {
      int32_t sum = 0;
      for (int64_t i = 0; i < kernel; ++i) {
        for (int64_t j = 0; j < kernel; ++j) {
          const int64_t y = r + i - half;
          const int64_t x = c + j - half;
          if (y < 0 || y >= height || x < 0 || x >= width) continue;
          sum += int32_t{weights[static_cast<size_t>(i * kernel + j)]} *
                 int32_t{pixels[static_cast<size_t>(y * width + x)]};
        }
      }
      out[static_cast<size_t>(r * width + c)] = sum;
    }
  }
  return out;
}

StreamCheckRow run_stream_check(int64_t width, int64_t height, int64_t consumer_period,
                                uint64_t seed) {
  const int64_t kernel = conv_stream_rtl_limits().kernel;
  std::mt19937_64 rng(seed);
  const std::vector<int8_t> weights = random_int8(static_cast<size_t>(kernel * kernel), rng);
  const std::vector<int8_t> pixels = random_int8(static_cast<size_t>(width * height), rng);
  const ConvStreamRun rtl = run_conv_stream_on_rtl(width, height, weights, pixels, consumer_period);
  const dataflow::StageCycles model =
      dataflow::stream_stage_cycles({width, height, kernel}, consumer_period);
  StreamCheckRow row;
  row.width = width;
  row.height = height;
  row.consumer_period = consumer_period;
  row.rtl_first = rtl.first_output;
  row.model_first = model.first_output;
  row.rtl_last = rtl.last_output;
  row.model_last = model.last_output;
  row.rtl_stalled = rtl.inputs_stalled;
  row.model_stalled = model.inputs_stalled;
  row.outputs_match = rtl.outputs == conv_same_reference(width, height, weights, pixels);
  return row;
}

std::vector<StreamCheckRow> run_stream_checks(uint64_t seed) {
  std::vector<StreamCheckRow> rows;
  uint64_t run = 0;
  for (const int64_t width : {1, 3, 4, 7, 16, 33, 64}) {
    for (const int64_t height : {1, 2, 3, 5, 16}) {
      for (const int64_t period : {1, 2, 3, 5}) {
        // Each run its own stream, derived from the seed so rows do not share data.
        rows.push_back(run_stream_check(width, height, period, seed * 1000003 + run++));
      }
    }
  }
  return rows;
}

}  // namespace axsim::hw
