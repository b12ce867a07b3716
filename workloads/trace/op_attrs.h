// Which attributes each op carries in a trace file. The reader rejects the others, the writer
// emits only these, so a file never holds a value that the op would silently ignore.
#pragma once

#include <string>
#include <vector>

#include "workloads/trace/trace.h"

namespace axsim::trace {

struct AttrSpec {
  std::string key;
  // Written even when equal to the default, because a reader of the file needs it to make
  // sense of the layer (a conv's kernel, an activation's function).
  bool always_written;
};

const std::vector<AttrSpec>& op_attrs(Op op);

}  // namespace axsim::trace
