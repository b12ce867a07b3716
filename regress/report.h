// What `axsim regress` shows: the table on the terminal and the JSON report for CI.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "regress/suite.h"
#include "regress/verdict.h"

namespace axsim::regress {

// "+0.52%", "-12.0%", "+inf%"; used by the table and by --update's list of changes.
std::string percent_text(double relative);

// One row per check: case, metric, golden, now, change %, tolerance, PASS/FAIL, note.
void print_table(std::ostream& out, const std::vector<CaseVerdict>& verdicts);

// Schema `axsim-regress-report` version 1 (docs/regression.md).
std::string report_json(const Suite& suite, const std::vector<CaseVerdict>& verdicts);

}  // namespace axsim::regress
