// Checks that a trace describes a computable network: names and edges, tensor types and bit
// widths, quantization, and each op's shape rule (workloads/FORMAT.md lists them all).
#pragma once

#include <string>

#include "workloads/trace/trace.h"

namespace axsim::trace {

// Throws core::InputError for the first broken rule, naming `name` (the file), the layer
// ("layers[3] 'conv2' (conv2d)") and the rule with the shapes involved.
void validate_trace(const Trace& trace, const std::string& name);

}  // namespace axsim::trace
