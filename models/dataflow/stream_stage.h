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
  int64_t first_output = 0;  // cycle of the first output handshake (first input is cycle 0)
  int64_t last_output = 0;   // cycle of the last output handshake
  int64_t inputs_stalled = 0;  // cycles the stage held in_ready low while input was offered
};

// The producer offers a pixel every cycle; the consumer is ready on cycles t where
// t % consumer_period == consumer_period - 1 (1 = always ready).
StageCycles stream_stage_cycles(const StreamStage& stage, int64_t consumer_period);

// Input rows the stage holds before its first output: kernel / 2 rows plus kernel / 2
// pixels. The pipeline model's fill, in rows (rounded up).
int64_t fill_rows(const StreamStage& stage);

}  // namespace axsim::dataflow
