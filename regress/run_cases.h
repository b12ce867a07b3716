// Runs a suite's cases, each as its own `axsim run` process (SystemC elaborates once per
// process), on the sweep runner's process pool.
#pragma once

#include <string>
#include <vector>

#include "regress/suite.h"

namespace axsim::regress {

struct RunOptions {
  std::string axsim_binary;
  std::string work_dir;  // results and per-case stderr logs go here
  int jobs = 1;
  double timeout_s = 0;  // per case; 0 = none
};

struct CaseRun {
  bool ok = false;
  std::string error;        // first line of the failure, when not ok
  std::string result_path;  // result.json, when ok
};

// One entry per case, in suite order. Every case really runs: results cached by an earlier
// invocation are discarded first, since a gate must not pass on a result of an older binary
// (the sweep cache key holds the version string, not the build).
std::vector<CaseRun> run_cases(const Suite& suite, const RunOptions& options);

// True when SIGINT / SIGTERM stopped the run.
bool run_interrupted();

}  // namespace axsim::regress
