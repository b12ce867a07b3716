// The HBM-backed GPU as a registered kind ("gpu"): H100 / H200 class, SMs with tensor cores,
// L2, HBM through a memory model, optional tensor parallelism.
#pragma once

#include "models/run/accelerator.h"

namespace axsim::gpu {

run::AcceleratorEntry gpu_entry();

}  // namespace axsim::gpu
