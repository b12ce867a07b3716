// A regression suite: the cases CI runs and where their golden results live. Format in
// docs/regression.md.
#pragma once

#include <string>
#include <vector>

#include "regress/tolerances.h"

namespace axsim::regress {

struct Case {
  std::string name;                    // also the golden file's name: <golden_dir>/<name>.json
  std::string config;                  // resolved against the suite file
  std::string trace;                   // resolved against the suite file
  std::vector<std::string> overrides;  // "key=value", as for `axsim run --set`
  Tolerances tolerances;               // the suite's defaults merged with the case's own
  std::string golden;                  // path of the golden file
};

struct Suite {
  std::string file;
  std::string name;
  std::string golden_dir;
  std::vector<Case> cases;
};

// Reads and checks a suite. Errors (unknown keys, missing files, duplicate or unsafe case
// names, negative tolerances) are InputError naming file:line:col and the key.
Suite load_suite(const std::string& path);

}  // namespace axsim::regress
