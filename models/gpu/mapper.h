// Maps a trace onto the GPU (plain C++, no simulation kernel): shards it over the
// tensor-parallel group, checks that it fits HBM, places its tensors, and turns every layer
// into a kernel with its tiles, waves, compute time, L2 traffic and HBM accesses.
#pragma once

#include "models/core/units.h"
#include "models/gpu/gpu_config.h"
#include "models/gpu/hbm_layout.h"
#include "models/gpu/kernel_plan.h"
#include "workloads/trace/trace.h"

namespace axsim::gpu {

// What the mapper needs to know about the memory it maps onto.
struct MemoryFacts {
  core::Bandwidth peak_bandwidth;
  double capacity_bytes = 0;
  HbmInterleave interleave;  // stripes = 1: the address map interleaves by itself
};

// Per-GPU HBM needs of the trace after sharding, without planning any kernel.
HbmFootprint trace_footprint(const GpuConfig& config, const trace::Trace& trace);

// InputError naming the memory key when weights + KV cache + activations exceed the capacity,
// saying how much is needed and how much there is; InputError for layers the GPU cannot run.
GpuPlan map_trace(const GpuConfig& config, const trace::Trace& trace, const MemoryFacts& memory);

}  // namespace axsim::gpu
