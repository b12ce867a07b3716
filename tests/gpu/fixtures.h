// Configs and small hand-built traces for the GPU tests. Configs use the ideal memory, so the
// expected numbers follow from the config alone.
#pragma once

#include <cstdint>
#include <string>

#include "models/gpu/gpu_config.h"
#include "workloads/trace/trace.h"

namespace axsim::test {

struct GpuSetup {
  int64_t sms = 4;
  std::string clock = "1 GHz";
  int64_t int8_macs = 4096;  // per SM per cycle; the only tensor precision
  std::string bandwidth = "1 TB/s";
  std::string latency = "0 ns";
  std::string capacity = "80 GB";
  std::string l2_capacity = "50 MB";
  std::string l2_bandwidth = "100 TB/s";
  std::string launch_overhead = "0 us";
  std::string tiles;  // e.g. "[[128, 128, 64]]"; empty: the default list
  int64_t max_split_k = 16;
  int64_t gpus = 1;
};

// The `gpu:` section as YAML text.
std::string gpu_section_text(const GpuSetup& setup);
// The H100 SXM preset's compute figures with an ideal memory of `bandwidth` and `capacity`.
std::string h100_like_section_text(const std::string& bandwidth,
                                   const std::string& capacity = "80 GB", int64_t gpus = 1);
// Parses a `gpu:` section given as text (named test.yaml in messages).
gpu::GpuConfig parse_gpu(const std::string& section_text);

// input [tokens, k] -> linear [n, k] -> [tokens, n], int8.
trace::Trace linear_trace(int64_t tokens, int64_t k, int64_t n);

}  // namespace axsim::test
