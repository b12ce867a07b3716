// Turning a finished simulation into the result: one LayerResult per kernel (time split,
// work, bytes per level, energy), the summary, and the statistics tree (per-kernel roofline,
// tiles and waves, L2 hit rate; tokens per second; HBM footprint). With tensor parallelism one
// GPU is simulated and the others mirror it: work, bytes and energy count all GPUs, times are
// those of one.
#pragma once

#include <cstdint>
#include <vector>

#include "models/core/energy.h"
#include "models/core/result.h"
#include "models/core/stats.h"
#include "models/gpu/gpu_config.h"
#include "models/gpu/gpu_core.h"
#include "models/gpu/kernel_plan.h"
#include "models/mem/memory_model.h"

namespace axsim::gpu {

struct RunFacts {
  const GpuConfig& config;
  const GpuPlan& plan;
  const std::vector<KernelTiming>& timings;
  const mem::MemoryModel& memory;
  int64_t batch = 1;
};

// Layers, their energy (HBM energy shared out by each kernel's bytes) and the ledger.
void collect_layers(const RunFacts& facts, core::EnergyLedger& ledger, core::RunResult& result);
// The summary from the layers collect_layers wrote.
void collect_summary(const RunFacts& facts, const core::EnergyLedger& ledger,
                     core::RunResult& result);
void add_kernel_stats(const RunFacts& facts, core::StatGroup& kernels);
void add_summary_stats(const RunFacts& facts, const core::RunSummary& summary,
                       core::StatGroup& stats);

}  // namespace axsim::gpu
