// How a sweep runs on a Slurm cluster (`axsim sweep --backend slurm`): the `slurm:` section of
// a sweep spec, which the command line's --slurm-* options override.
//
//   slurm:
//     partition: batch                 # sbatch --partition; default: the cluster's default
//     time: "0:10:00"                  # per array task (sbatch --time); default: the partition's
//     max_concurrent: 32               # array tasks running at once (--array=0-N%32)
//     sbatch_args: [--account=hw, --mem=2G]   # more sbatch options, one #SBATCH line each
//     setup: ["module load systemc"]   # shell lines every task runs before its point
//     wait: 86400                      # seconds axsim waits for the array, then cancels it
//     poll: 10                         # seconds between two squeue calls
#pragma once

#include <string>
#include <vector>

#include "models/core/config.h"

namespace axsim::sweep {

struct SlurmSettings {
  std::string partition;   // empty: the cluster's default partition
  std::string time_limit;  // Slurm's format; empty: the partition's default
  int max_concurrent = 0;  // 0: as many as the cluster gives
  std::vector<std::string> sbatch_args;
  std::vector<std::string> setup;
  // A day: long enough for a large array on a busy cluster, short enough that a job stuck
  // pending on a partition it can never run in does not hold a terminal forever.
  double wait_s = 86400;
  double poll_s = 10;  // squeue is a call to the controller: be gentle with a shared one
};

// The `slurm:` section; InputError naming file, line and key for anything malformed.
SlurmSettings read_slurm_settings(const core::Section& slurm);

// Empty when `text` is a time limit sbatch accepts ("minutes", "minutes:seconds",
// "hours:minutes:seconds", "days-hours", "days-hours:minutes", "days-hours:minutes:seconds",
// "UNLIMITED"), else what is wrong with it.
std::string time_limit_problem(const std::string& text);

// Empty when `text` can be a partition's name (one word), else what is wrong with it.
std::string partition_problem(const std::string& text);

// Empty when `text` can go into the batch script on a line of its own, else why not.
std::string script_line_problem(const std::string& text);

}  // namespace axsim::sweep
