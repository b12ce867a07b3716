// The streaming convolution stage cross-check behind `axsim rtl-check`: seeded frames
// through the Verilated stage (hw/rtl/conv_stream.sv), whose outputs must equal a plain C++
// "same" convolution bit for bit and whose first/last output cycles and input stalls must
// equal dataflow::stream_stage_cycles().
#pragma once

#include <cstdint>
#include <vector>

namespace axsim::hw {

struct StreamCheckRow {
  int64_t width = 0, height = 0, consumer_period = 0;
  int64_t rtl_first = 0, model_first = 0;
  int64_t rtl_last = 0, model_last = 0;
  int64_t rtl_stalled = 0, model_stalled = 0;
  bool outputs_match = false;  // RTL outputs == conv_same_reference(), bit for bit

  bool agrees() const {
    return outputs_match && rtl_first == model_first && rtl_last == model_last &&
           rtl_stalled == model_stalled;
  }
};

// k x k (kernel = sqrt(weights.size()), odd) stride-1 cross-correlation with zero padding
// k / 2 over a row-major width x height int8 map, int32 sums.
std::vector<int32_t> conv_same_reference(int64_t width, int64_t height,
                                         const std::vector<int8_t>& weights,
                                         const std::vector<int8_t>& pixels);

StreamCheckRow run_stream_check(int64_t width, int64_t height, int64_t consumer_period,
                                uint64_t seed);

// Widths 1, 3, 4, 7, 16, 33, 64 x heights 1, 2, 3, 5, 16 x consumer periods 1, 2, 3, 5, each
// with its own seeded weights and pixels. Same seed, same rows.
std::vector<StreamCheckRow> run_stream_checks(uint64_t seed);

}  // namespace axsim::hw
