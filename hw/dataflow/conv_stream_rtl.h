// The Verilated streaming convolution stage (hw/rtl/conv_stream.sv) run for one frame.
// Verilated headers stay inside conv_stream_rtl.cpp, so this header is safe to include next
// to <systemc>.
#pragma once

#include <cstdint>
#include <vector>

namespace axsim::hw {

// What the stage was verilated for (hw/dataflow/CMakeLists.txt).
struct ConvStreamRtlLimits {
  int64_t max_width;
  int64_t max_height;
  int64_t kernel;
};

ConvStreamRtlLimits conv_stream_rtl_limits();

struct ConvStreamRun {
  std::vector<int32_t> outputs;  // raster order, in the order they left the stage
  int64_t first_output = 0;      // cycle of the first output handshake; first input is 0
  int64_t last_output = 0;       // cycle of the last output handshake
  int64_t inputs_stalled = 0;    // cycles in_valid was high and in_ready low
};

// Loads `weights` (kernel x kernel, row-major), then streams `pixels` (width x height, raster
// order) in with in_valid high every cycle until all are accepted, while out_ready is high
// on cycles t with t % consumer_period == consumer_period - 1, until every output has left.
// Throws std::invalid_argument when the sizes do not fit conv_stream_rtl_limits() or the
// vectors do not match them, std::runtime_error when the stage stops making progress.
ConvStreamRun run_conv_stream_on_rtl(int64_t width, int64_t height,
                                     const std::vector<int8_t>& weights,
                                     const std::vector<int8_t>& pixels, int64_t consumer_period);

}  // namespace axsim::hw
