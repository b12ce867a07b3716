#include "models/mem/dram/dram_model.h"

#include "models/mem/dram/dram_system.h"
#include "models/mem/dram/fast_model.h"

namespace axsim::mem {

std::unique_ptr<MemoryModel> make_dram_model(const DramSpec& spec) {
  if (spec.mode == DramMode::fast) return std::make_unique<FastDramModel>(spec);
  return std::make_unique<DramSystem>(spec);
}

}  // namespace axsim::mem
