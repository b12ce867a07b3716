// Plain C++, no SystemC: maps a trace onto the CIM NPU. Conv and linear layers go to the
// arrays (a layer's Cin·kh·kw x Cout weight matrix cut into macro tiles; small depthwise groups
// packed block-diagonally; spare macros hold duplicates); pooling, activations and
// element-wise layers go to the vector unit; everything else (softmax, normalisation, matmul of
// two activations, ...) to the CPU. When the weights exceed the arrays, layers stay resident in
// trace order while they fit beside the swap macros; the others are written into the swap
// macros every inference (reprogrammed or streamed), which the plan counts explicitly.
#pragma once

#include "models/cim/cim_config.h"
#include "models/cim/plan.h"
#include "workloads/trace/trace.h"

namespace axsim::cim {

// InputError naming the layer when a layer cannot be mapped (weights or inputs wider than the
// macro holds, weights that do not fit and no external memory to hold them).
Plan map_trace(const CimConfig& config, const trace::Trace& trace);

}  // namespace axsim::cim
