// Small hand-built traces and configs for the systolic accelerator tests.
#pragma once

#include <string>

#include "models/core/config.h"
#include "models/systolic/systolic_config.h"
#include "workloads/trace/trace.h"

namespace axsim::test {

// A config text with a rows x cols array at 1 GHz, 1 MiB SRAM, `bandwidth` DRAM, no overhead.
std::string systolic_config_text(int rows, int cols, const std::string& dataflow,
                                 const std::string& bandwidth, const std::string& sram = "1 MiB");
systolic::SystolicConfig systolic_config(int rows, int cols, const std::string& dataflow,
                                         const std::string& bandwidth,
                                         const std::string& sram = "1 MiB");

// input [tokens, k] -> linear [n, k] -> output [tokens, n], int8.
trace::Trace linear_trace(int64_t tokens, int64_t k, int64_t n);
// input [1, cin, h, w] -> conv kxk stride 1 "same" padding, `groups` -> relu.
trace::Trace conv_relu_trace(int64_t cin, int64_t cout, int64_t hw, int64_t kernel,
                             int64_t groups = 1);

}  // namespace axsim::test
