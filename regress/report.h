// What `axsim regress` shows: the table on the terminal and the JSON report for CI.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "regress/suite.h"
#include "regress/verdict.h"

namespace axsim::regress {

// "+0.52%", "-12.0%", "+inf%"; used by the table and by --update's list of changes.
std::string percent_text(double relative);

// A check's cells as every report shows them: "-" where a number is missing, so the terminal
// table, the JUnit message and the HTML page say the same thing.
std::string number_text(const std::optional<double>& value);
std::string change_text(const Check& check);
std::string tolerance_text(const Check& check);

// One row per check: case, metric, golden, now, change %, tolerance, PASS/FAIL, note.
void print_table(std::ostream& out, const std::vector<CaseVerdict>& verdicts);

// Schema `axsim-regress-report` version 1 (docs/regression.md).
std::string report_json(const Suite& suite, const std::vector<CaseVerdict>& verdicts);

}  // namespace axsim::regress
