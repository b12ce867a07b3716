// The systolic-array accelerator as a registered kind ("systolic"): a TPU-style machine with
// one MAC array, a vector unit, an SRAM buffer and a DRAM link.
#pragma once

#include "models/run/accelerator.h"

namespace axsim::systolic {

run::AcceleratorEntry systolic_entry();

}  // namespace axsim::systolic
