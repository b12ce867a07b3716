#include "models/gpu/memory_factory.h"

#include "models/gpu/ideal_memory.h"
#include "models/mem/dram/dram_model.h"

namespace axsim::gpu {

std::unique_ptr<mem::MemoryModel> make_memory_model(const GpuConfig& config) {
  if (config.ideal_memory) return std::make_unique<IdealMemory>(*config.ideal_memory);
  return mem::make_dram_model(*config.dram_memory);
}

MemoryFacts memory_facts(const GpuConfig& config, const mem::MemoryModel& memory) {
  MemoryFacts facts;
  facts.peak_bandwidth = memory.peak_bandwidth();
  facts.capacity_bytes = static_cast<double>(memory.capacity_bytes());
  facts.interleave.stripe_bytes = memory.capacity_bytes();
  if (config.dram_memory && !config.dram_memory->mapping.empty() &&
      config.dram_memory->mapping.back() == mem::AddressField::stack) {
    const auto stacks = static_cast<std::uint64_t>(config.dram_memory->organization.stacks);
    facts.interleave.stripes = stacks;
    facts.interleave.stripe_bytes = memory.capacity_bytes() / stacks;
  }
  return facts;
}

}  // namespace axsim::gpu
