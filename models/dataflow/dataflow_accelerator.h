// The Hailo-style dataflow VPU as a registered kind ("dataflow"): clusters of MAC units with
// their own memory, every layer on its own units, the network run as a pipeline, cut into
// contexts when it does not fit.
#pragma once

#include "models/run/accelerator.h"

namespace axsim::dataflow {

run::AcceleratorEntry dataflow_entry();

}  // namespace axsim::dataflow
