// Runs one Slurm client command (sbatch, squeue, scancel) and captures what it printed. Each
// call is bounded: a controller that does not answer must not hang the sweep.
#pragma once

#include <string>
#include <vector>

namespace axsim::sweep {

struct CommandResult {
  int exit_code = -1;  // -1: killed, or did not finish within the time allowed
  std::string out;
  std::string err;
};

// `argv[0]` is looked up on PATH. InputError when it is not there (not a Slurm login node);
// a command still running after `timeout_s` is killed and reported with exit_code -1.
CommandResult run_command(const std::vector<std::string>& argv, double timeout_s);

}  // namespace axsim::sweep
