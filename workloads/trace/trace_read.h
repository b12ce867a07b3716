// Turns a parsed trace document (JSON, or YAML converted to JSON) into a Trace. Only the
// file's structure is checked here: keys, types, names of dtypes and ops, the version.
// Whether the layers fit together is validate.h's job.
#pragma once

#include "workloads/trace/json_document.h"
#include "workloads/trace/trace.h"

namespace axsim::trace {

Trace read_trace_document(const JsonDocument& doc);

}  // namespace axsim::trace
