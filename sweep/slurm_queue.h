// The three questions the Slurm backend asks the controller: submit an array (sbatch), which of
// its tasks are still queued or running (squeue), and cancel it (scancel).
#pragma once

#include <map>
#include <string>

namespace axsim::sweep {

// The job id sbatch gives the script's array; InputError with sbatch's own message when it
// refuses (an unknown partition, a time limit over the partition's, no such account).
std::string submit_array(const std::string& script);

struct QueueState {
  bool known = false;                    // false: squeue did not answer; ask again later
  std::map<size_t, std::string> active;  // task -> "STATE" or "STATE (reason)"
  std::string error;                     // why squeue did not answer
};

// The tasks of array `job` running `script` that have not ended. A job that has aged out of
// the controller has none, and so has a job id the controller has since given to another job
// (it runs another script): a stale id must not make the sweep wait for, or cancel, a stranger.
QueueState query_array(const std::string& job, const std::string& script);

// Empty on success, else scancel's complaint.
std::string cancel_array(const std::string& job);

}  // namespace axsim::sweep
