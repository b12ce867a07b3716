// What became of an array task that has left the queue, read from the files it left behind:
// its result in the cache, the last line the batch script printed, Slurm's own messages in
// the task's log (time limit, cancellation) and the point's stderr. Works without Slurm
// accounting (no sacct), which many small clusters and the localhost test cluster lack.
#pragma once

#include <string>

#include "sweep/runner.h"

namespace axsim::sweep {

// Every line the batch script prints starts with this; the last is "<prefix>point <index>
// exit <status>".
extern const char* const kTaskPrefix;

struct TaskVerdict {
  bool settled = false;  // false: nothing conclusive yet (a shared file system can lag)
  Status status = Status::failed;
  std::string error;
};

// `has_result`: the point's result is in the cache. `task_log`: Slurm's output file of the
// task ("" when missing). `point_stderr`: what `axsim run` printed on stderr.
TaskVerdict read_task_verdict(bool has_result, const std::string& task_log,
                              const std::string& point_stderr);

}  // namespace axsim::sweep
