// `axsim regress --junit`: the verdicts as JUnit XML, the format CI servers (GitLab, Jenkins,
// GitHub test reporters) read to show which case regressed without opening the log.
#pragma once

#include <string>
#include <vector>

#include "regress/suite.h"
#include "regress/verdict.h"

namespace axsim::regress {

// One <testsuite> named after the suite, one <testcase> per case; a case that regressed or
// whose run failed gets a <failure> whose message lists its failing checks. `elapsed_s` is
// the wall time of the whole run (cases run in parallel, so it is not the sum of theirs).
std::string junit_xml(const Suite& suite, const std::vector<CaseVerdict>& verdicts,
                      double elapsed_s);

}  // namespace axsim::regress
