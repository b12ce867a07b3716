// The Slurm backend of a sweep: the points not yet in the cache go to the cluster as one job
// array (slurm_script.h); axsim waits for it, asking squeue, and takes each result from the
// cache the tasks share with it. Failed tasks become failed points; Ctrl-C or running out of
// `wait` cancels the array with scancel. A rerun first waits for an array an earlier run left
// running, then submits only what is still missing.
#pragma once

#include <string>
#include <vector>

#include "sweep/runner.h"
#include "sweep/slurm_settings.h"

namespace axsim::sweep {

struct SlurmRunOptions {
  std::string axsim_binary;  // must be at the same path on every node
  std::string out_dir;       // made absolute; must be on a file system every node mounts
  std::string sweep_name;
  SlurmSettings settings;
};

std::vector<PointOutcome> run_points_on_slurm(const std::vector<Point>& points,
                                              const SlurmRunOptions& options);

}  // namespace axsim::sweep
