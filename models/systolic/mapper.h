// Maps a trace onto the systolic accelerator (plain C++, no simulation kernel): lowers every
// layer to GEMMs or vector work, decides what stays in SRAM and what crosses the DRAM link,
// and cuts each layer into tiles.
#pragma once

#include <cstdint>
#include <vector>

#include "models/compute/systolic_array.h"
#include "models/systolic/plan.h"
#include "models/systolic/systolic_config.h"
#include "workloads/trace/trace.h"

namespace axsim::systolic {

// A GEMM and how many times the layer runs it (groups, batch x heads).
struct LoweredGemm {
  compute::GemmShape shape;
  int64_t repeat = 1;
};

// conv2d -> im2col GEMM per group; linear/matmul -> GEMM; attention -> Q·Kᵀ and P·V per
// (batch, head). Empty for layers that are not MAC work.
std::vector<LoweredGemm> lower_to_gemms(const trace::Layer& layer);

// InputError when the trace cannot run on this configuration (e.g. weights_resident with
// weights larger than the SRAM).
Plan map_trace(const SystolicConfig& config, const trace::Trace& trace);

}  // namespace axsim::systolic
