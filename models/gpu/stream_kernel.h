// SIMT kernels that stream their operands once: elementwise, activations, norms, softmax,
// pooling, embedding gathers, KV-cache writes and copies; also depthwise convolutions, whose
// single-channel dot products do not map onto tensor cores. Memory-bound almost always.
#pragma once

#include <cstdint>

#include "models/gpu/gpu_config.h"

namespace axsim::gpu {

struct StreamProblem {
  double read_bytes = 0;      // operand bytes the CTAs read (through L2)
  double hbm_read_bytes = 0;  // of those, the ones not already in L2
  double write_bytes = 0;
  int64_t fp32_ops = 0;  // lane operations (a MAC is one fused multiply-add)
  int64_t sfu_ops = 0;
};

struct StreamMapping {
  int64_t tiles = 0;  // CTAs, each streaming kStreamTileBytes of the operands
  int64_t waves = 0;
  double compute_s = 0;  // lanes of the SMs the CTAs occupy
  double l2_bytes = 0;
  double first_read_bytes = 0;
};

// A CTA of 256 threads, each loading 16 bytes per pass.
inline constexpr int64_t kStreamTileBytes = 256 * 16;

StreamMapping map_stream(const GpuConfig& config, const StreamProblem& problem);

}  // namespace axsim::gpu
