// Cycle counts of one streaming convolution stage with line buffers, as the RTL kernel
// (hw/rtl/conv_stream.sv) defines them: a k x k, stride-1, zero-padded ("same")
// convolution over a width x height feature map that arrives in raster order through a
// valid/ready handshake, at most one pixel per cycle, and leaves the same way.
// docs/dataflow-stage.md is the contract; the dataflow model takes its pipeline stages'
// fill latency and steady-state rate from here, and the RTL cross-check holds both to it.
#pragma once

#include <cstdint>

namespace axsim::dataflow {

struct StreamStage {
  int64_t width = 0;
  int64_t height = 0;
  int64_t kernel = 3;  // odd
};

struct StageCycles {
  int64_t first_output = 0;    // cycle of the first output handshake (first input is cycle 0)
  int64_t last_output = 0;     // cycle of the last output handshake
  int64_t inputs_stalled = 0;  // cycles the stage held in_ready low while input was offered
};

// The producer offers a pixel every cycle; the consumer is ready on cycles t where
// t % consumer_period == consumer_period - 1 (1 = always ready; below 1 counts as 1).
// Exact: an event model of the RTL's handshake rules, O(width * height).
// Throws std::invalid_argument unless width, height >= 1 and kernel is odd and >= 1.
StageCycles stream_stage_cycles(const StreamStage& stage, int64_t consumer_period);

// Input rows the stage holds before its first output: kernel / 2 rows plus kernel / 2
// pixels, i.e. kernel / 2 + 1 rows, fewer when the map has fewer rows. The pipeline model's
// fill, in rows (rounded up).
int64_t fill_rows(const StreamStage& stage);

// Pixels of line buffer the stage holds: (kernel - 1) lines, the kernel-pixel window and
// one pixel of slack, (kernel - 1) * width + kernel + 1.
int64_t line_buffer_pixels(const StreamStage& stage);

// Steady-state cycles per output row: the stage itself sustains one pixel per cycle, so
// the slower of it and the consumer sets the rate, width * max(1, consumer_period).
int64_t steady_cycles_per_row(const StreamStage& stage, int64_t consumer_period);

}  // namespace axsim::dataflow
