// `axsim regress --html`: the verdicts as one self-contained page, for a reviewer who wants
// every compared number of every case rather than the failing lines of a CI log.
#pragma once

#include <string>
#include <vector>

#include "regress/suite.h"
#include "regress/verdict.h"

namespace axsim::regress {

// A summary line ("N of M cases within tolerance"), then one table per case with every check;
// failing rows carry class "fail". Uses the style and escaping of `axsim report`'s page.
std::string html_diff(const Suite& suite, const std::vector<CaseVerdict>& verdicts);

}  // namespace axsim::regress
