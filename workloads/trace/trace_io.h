// Reading and writing trace files (format: workloads/FORMAT.md). Every error a user can fix
// is a core::InputError naming the file, the line when known, and the JSON path of the value
// ("layers[12].inputs[0].shape").
#pragma once

#include <string>

#include "workloads/trace/trace.h"

namespace axsim::trace {

// Reads a .json, .yaml or .yml trace and validates it (validate.h).
Trace load_trace(const std::string& path);

// Parse only, no validation: the structure, types, names and version are checked, whether
// the layers fit together is not. `name` stands for the file in error messages.
Trace parse_trace_json(const std::string& text, const std::string& name);
Trace parse_trace_yaml(const std::string& text, const std::string& name);

// Pretty, deterministic JSON: keys in a fixed order, attributes only where they apply to the
// op and differ from their defaults (plus the ones a reader needs, such as a conv's kernel).
std::string trace_to_json(const Trace& trace);

// Writes trace_to_json(trace) to `path` atomically (temporary file, then rename).
void write_trace(const Trace& trace, const std::string& path);

}  // namespace axsim::trace
