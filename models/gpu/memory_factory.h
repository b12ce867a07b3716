// The memory model behind the GPU's HBM, as the config selects it: a DRAM memory preset in
// the mode it names (models/mem), or the ideal memory.
#pragma once

#include <memory>

#include "models/gpu/gpu_config.h"
#include "models/gpu/mapper.h"
#include "models/mem/memory_model.h"

namespace axsim::gpu {

std::unique_ptr<mem::MemoryModel> make_memory_model(const GpuConfig& config);

// The mapper's view of that memory: its peak, its capacity, and the stripes the layout must
// spread tensors over (the stacks, when the DRAM address map takes them from the top bits).
MemoryFacts memory_facts(const GpuConfig& config, const mem::MemoryModel& memory);

}  // namespace axsim::gpu
