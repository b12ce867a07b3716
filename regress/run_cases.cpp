#include "regress/run_cases.h"

#include "sweep/runner.h"

namespace axsim::regress {

namespace {

sweep::Point point_of(const Case& c, size_t index) {
  sweep::Point point;
  point.index = index;
  point.config = c.config;
  point.workload = c.trace;
  for (const std::string& assignment : c.overrides) {
    const size_t eq = assignment.find('=');
    point.settings.emplace_back(assignment.substr(0, eq), assignment.substr(eq + 1));
  }
  return point;
}

}  // namespace

std::vector<CaseRun> run_cases(const Suite& suite, const RunOptions& options) {
  std::vector<sweep::Point> points;
  for (size_t i = 0; i < suite.cases.size(); ++i) points.push_back(point_of(suite.cases[i], i));

  sweep::RunnerOptions runner;
  runner.axsim_binary = options.axsim_binary;
  runner.out_dir = options.work_dir;
  runner.jobs = options.jobs;
  runner.timeout_s = options.timeout_s;
  runner.use_cache = false;
  std::vector<CaseRun> out;
  for (const sweep::PointOutcome& outcome : sweep::run_points(points, runner)) {
    const bool ok = outcome.status == sweep::Status::ok;
    out.push_back({ok,
                   ok ? ""
                      : std::string(sweep::status_name(outcome.status)) +
                            (outcome.error.empty() ? "" : ": " + outcome.error),
                   outcome.result_path});
  }
  return out;
}

bool run_interrupted() { return sweep::interrupted(); }

}  // namespace axsim::regress
