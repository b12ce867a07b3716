// Configuration of the HBM-backed GPU (H100 / H200 class): streaming multiprocessors with
// tensor cores and SIMT lanes, shared memory, an L2 cache, HBM behind a memory model, and
// optional tensor parallelism over a GPU-to-GPU link. docs/gpu.md explains every key.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/core/config.h"
#include "models/core/error.h"
#include "models/core/units.h"
#include "models/mem/dram/dram_spec.h"
#include "workloads/trace/trace.h"

namespace axsim::gpu {

// A thread-block tile of a GEMM: BM x BN outputs, BK of the reduction per pipeline stage.
struct GemmTile {
  int64_t m = 0;
  int64_t n = 0;
  int64_t k = 0;
};

// An idealised memory: one pipe at a fixed bandwidth behind a fixed latency. For experiments
// and tests that must not depend on DRAM timing; presets name a DRAM memory preset instead.
struct IdealMemoryConfig {
  core::Bandwidth bandwidth;
  core::Time latency;
  core::Bytes capacity;
};

struct ParallelConfig {
  int64_t gpus = 1;                // tensor-parallel group (Megatron-style sharding)
  core::Bandwidth link_bandwidth;  // per GPU, per direction
  core::Time link_latency;         // per ring step
};

struct GpuConfig {
  int64_t sms = 0;
  core::Frequency clock;
  // Dense tensor-core MACs per SM per cycle, by operand precision. A precision the map lacks
  // runs at the next wider one it has (tensor_precision.h).
  std::map<trace::DType, int64_t> tensor_macs_per_sm_per_cycle;
  int64_t fp32_ops_per_sm_per_cycle = 0;  // SIMT lanes: elementwise, norms, softmax arithmetic
  int64_t sfu_ops_per_sm_per_cycle = 0;   // special-function units: exp, sigmoid, tanh
  core::Bytes shared_memory_per_sm;
  core::Bytes l2_capacity;
  core::Bandwidth l2_bandwidth;
  double l2_reuse_fraction = 0;      // share of the L2 a kernel can count on for reuse
  std::vector<GemmTile> gemm_tiles;  // candidates the GEMM mapper chooses from
  int64_t pipeline_stages = 2;       // shared-memory buffers per operand (2 = double buffering)
  int64_t max_split_k = 16;          // most CTAs one output tile's reduction is split over
  int64_t cluster = 2;         // CTAs along M sharing each B tile (TMA multicast in a cluster)
  core::Time launch_overhead;  // per kernel: launch and the gap between dependent kernels
  core::Power static_power;    // per GPU, for the whole run
  ParallelConfig parallel;

  // Exactly one of: a DRAM memory preset (`memory:`, read by models/mem), or an ideal memory
  // (`ideal_memory:`).
  std::optional<mem::DramSpec> dram_memory;
  std::optional<IdealMemoryConfig> ideal_memory;
  // Where keys were set, for errors the mapper finds later (capacity, sharding, tiles).
  struct Origin {
    core::SourceLocation location;
    std::string key;  // full key path, e.g. "gpu.memory"
  };
  Origin memory_origin;
  Origin gpus_origin;
  Origin tiles_origin;
};

// The GEMM tiles used when the config gives none: CUTLASS-style Hopper shapes, largest first.
std::vector<GemmTile> default_gemm_tiles();

// Reads the `gpu:` section. Keys are required unless docs/gpu.md gives a default.
GpuConfig parse_gpu_config(const core::Section& section);

}  // namespace axsim::gpu
