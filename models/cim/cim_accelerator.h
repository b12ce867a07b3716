// The compute-in-memory NPU as a registered kind ("cim"): tiles of CIM macros with DACs and
// ADCs, an activation/pooling unit, a CPU for what the arrays cannot run, a weight-reload path
// for networks larger than the arrays, external memory and power states. docs/cim.md.
#pragma once

#include "models/run/accelerator.h"

namespace axsim::cim {

run::AcceleratorEntry cim_entry();

}  // namespace axsim::cim
