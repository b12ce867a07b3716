// SCALE-Sim topology files (github.com/scalesim-project/scale-sim-v2, topologies/) as traces.
//
// Two forms, told apart by the header row:
//   conv: "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels,
//          Num Filter, Strides,"  -> conv2d layers, batch 1, NCHW, no padding (SCALE-Sim
//          assumes valid convolution: out = (in - filter) / stride + 1)
//   GEMM: "Layer, M, N, K,"       -> linear layers: input [M, K], weight [N, K], output [M, N]
// Each layer reads the previous layer's output when the shapes match, else a graph input of
// its own named "<layer>.input"; layers whose outputs nobody reads are the trace's outputs.
#pragma once

#include <string>

#include "workloads/trace/trace.h"

namespace axsim::trace {

// Every tensor gets `dtype` at its full width. Malformed rows are core::InputError naming the
// file, line and column.
Trace import_scalesim_csv(const std::string& path, DType dtype = DType::int8);

}  // namespace axsim::trace
