// The DRAM model a preset asks for: DramSystem in `mode: detailed`, FastDramModel in
// `mode: fast`.
#pragma once

#include <memory>

#include "models/mem/dram/dram_spec.h"
#include "models/mem/memory_model.h"

namespace axsim::mem {

std::unique_ptr<MemoryModel> make_dram_model(const DramSpec& spec);

}  // namespace axsim::mem
