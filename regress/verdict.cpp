#include "regress/verdict.h"

#include "regress/golden.h"

namespace axsim::regress {

CaseVerdict judge_case(const Case& c, const Snapshot& now, const std::string& suite_file) {
  CaseVerdict verdict{c.name, c.golden, "", {}, 0};
  const std::optional<Snapshot> golden = read_golden(c.golden);
  if (!golden) {
    verdict.checks.push_back(missing_golden(c.golden, suite_file));
  } else {
    verdict.checks = compare(*golden, now, c.tolerances);
  }
  return verdict;
}

size_t count_failed(const std::vector<CaseVerdict>& verdicts) {
  size_t failed = 0;
  for (const CaseVerdict& v : verdicts) failed += !v.passed();
  return failed;
}

}  // namespace axsim::regress
