// What the Slurm backend hands to Slurm, written into <out>/slurm/: points.tsv, the manifest
// (one line per array task: which point, its cache key, how to run it), and sweep.sbatch, the
// batch script every task of the array runs. Task N looks up its line, runs `axsim run` for
// that point and moves the result into <out>/cache/<key>.json with a rename, exactly as the
// local pool does, so the sweep gathers both backends' results the same way.
#pragma once

#include <string>
#include <vector>

#include "sweep/runner.h"
#include "sweep/slurm_settings.h"

namespace axsim::sweep {

struct SlurmPaths {
  explicit SlurmPaths(const std::string& out_dir);  // out_dir must be absolute
  std::string out;
  std::string dir;       // <out>/slurm
  std::string manifest;  // <out>/slurm/points.tsv
  std::string script;    // <out>/slurm/sweep.sbatch
  std::string job;       // <out>/slurm/job: the id of the array last submitted
  std::string task_log(const std::string& job_id, size_t task) const;  // Slurm's output
};

// Task t runs outcomes[pending[t]]: its line holds task, point index, cache key, config and
// workload (absolute paths), then the point's key=value overrides, separated by tabs.
// InputError when a field holds a tab or a line break.
std::string slurm_manifest(const std::vector<PointOutcome>& outcomes,
                           const std::vector<size_t>& pending);

struct BatchScript {
  std::string sweep_name;
  std::string axsim_binary;  // absolute, and the same path on every node
  size_t tasks = 0;
  SlurmSettings settings;
};

// The script, its options in #SBATCH lines so that `sbatch <out>/slurm/sweep.sbatch` submits
// the same array again by hand.
std::string slurm_batch_script(const BatchScript& batch, const SlurmPaths& paths);

}  // namespace axsim::sweep
