// One case's outcome: its checks against the golden file, or why it could not be compared.
#pragma once

#include <string>
#include <vector>

#include "regress/compare.h"
#include "regress/suite.h"

namespace axsim::regress {

struct CaseVerdict {
  std::string name;
  std::string golden_path;
  std::string result_path;  // empty when the run failed
  std::vector<Check> checks;
  double wall_time_s = 0;  // host time of the case's `axsim run` (JUnit time); 0 if it failed

  bool passed() const { return all_pass(checks); }
};

size_t count_failed(const std::vector<CaseVerdict>& verdicts);

// Reads the case's golden file and compares `now` with it; a missing golden is one failing
// check that says how to create it.
CaseVerdict judge_case(const Case& c, const Snapshot& now, const std::string& suite_file);

}  // namespace axsim::regress
