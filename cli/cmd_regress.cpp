#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "models/core/result.h"
#include "regress/html_diff.h"
#include "regress/junit.h"
#include "regress/report.h"
#include "regress/run_cases.h"
#include "regress/suite.h"
#include "regress/update.h"
#include "regress/verdict.h"

namespace axsim::cli {

namespace {

struct RegressOptions {
  std::string suite;
  std::string out_dir;
  std::string report;
  std::string junit;
  std::string html;
  int jobs = static_cast<int>(std::thread::hardware_concurrency());
  double timeout_s = 0;
  bool update = false;
};

nlohmann::json read_result(const std::string& result_path) {
  std::ifstream in(result_path);
  return nlohmann::json::parse(in);
}

regress::Snapshot read_snapshot(const std::string& result_path) {
  return regress::snapshot_of_result(read_result(result_path));
}

// Where each report goes: the option's path, or its default name in the output folder.
struct ReportPaths {
  std::string json;
  std::string junit;
  std::string html;
};

std::string path_or_default(const std::string& path, const std::string& out_dir, const char* name) {
  return path.empty() ? (std::filesystem::path(out_dir) / name).string() : path;
}

int update_goldens(const regress::Suite& suite, const std::vector<regress::CaseRun>& runs) {
  size_t failed = 0;
  for (size_t i = 0; i < suite.cases.size(); ++i) {
    const regress::Case& c = suite.cases[i];
    if (!runs[i].ok) {
      ++failed;
      std::cout << c.name << ": not updated, axsim run failed: " << runs[i].error << "\n";
      continue;
    }
    std::cout << c.name << ": " << regress::update_golden(c, read_snapshot(runs[i].result_path))
              << "  (" << c.golden << ")\n";
  }
  return failed == 0 ? 0 : 1;
}

int check_goldens(const regress::Suite& suite, const std::vector<regress::CaseRun>& runs,
                  double elapsed_s, const ReportPaths& paths) {
  std::vector<regress::CaseVerdict> verdicts;
  for (size_t i = 0; i < suite.cases.size(); ++i) {
    const regress::Case& c = suite.cases[i];
    if (runs[i].ok) {
      const nlohmann::json result = read_result(runs[i].result_path);
      verdicts.push_back(regress::judge_case(c, regress::snapshot_of_result(result), suite.file));
      verdicts.back().result_path = runs[i].result_path;
      verdicts.back().wall_time_s = result.at("meta").value("wall_time_s", 0.0);
    } else {
      verdicts.push_back({c.name, c.golden, "", {regress::run_failed(runs[i].error)}, 0});
    }
  }
  regress::print_table(std::cout, verdicts);
  core::write_text_atomically(paths.json, regress::report_json(suite, verdicts));
  core::write_text_atomically(paths.junit, regress::junit_xml(suite, verdicts, elapsed_s));
  core::write_text_atomically(paths.html, regress::html_diff(suite, verdicts));
  const size_t failed = regress::count_failed(verdicts);
  std::cout << "\n"
            << suite.name << ": " << verdicts.size() - failed << " of " << verdicts.size()
            << " cases within tolerance" << (failed == 0 ? "" : "; REGRESSED")
            << "\n  report: " << paths.json << "\n  junit:  " << paths.junit
            << "\n  html:   " << paths.html << "\n";
  return failed == 0 ? 0 : 1;
}

}  // namespace

Command add_regress_command(CLI::App& app) {
  auto options = std::make_shared<RegressOptions>();
  CLI::App* cmd = app.add_subcommand(
      "regress", "Run a regression suite and compare each case with its golden result (CI gate)");
  cmd->add_option("suite", options->suite, "Regression suite (YAML)")->required();
  cmd->add_flag("--update", options->update,
                "Rewrite the golden files from the current results and list what changed");
  cmd->add_option("-o,--out", options->out_dir,
                  "Folder for results, logs and the reports (default out/regress/<name>)");
  cmd->add_option("--report", options->report, "JSON report path (default <out>/report.json)");
  cmd->add_option("--junit", options->junit, "JUnit XML path (default <out>/junit.xml)");
  cmd->add_option("--html", options->html, "HTML diff report path (default <out>/report.html)");
  cmd->add_option("-j,--jobs", options->jobs, "Cases run at once")->capture_default_str();
  cmd->add_option("--timeout", options->timeout_s, "Seconds a case may take (0: no limit)");
  return [options]() {
    const regress::Suite suite = regress::load_suite(options->suite);
    regress::RunOptions run;
    run.axsim_binary = std::filesystem::read_symlink("/proc/self/exe").string();
    run.work_dir = options->out_dir.empty() ? "out/regress/" + suite.name : options->out_dir;
    run.jobs = options->jobs;
    run.timeout_s = options->timeout_s;
    const auto started = std::chrono::steady_clock::now();
    const std::vector<regress::CaseRun> runs = regress::run_cases(suite, run);
    const double elapsed_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (regress::run_interrupted()) {
      std::cerr << "axsim: regression interrupted; nothing was compared or updated\n";
      return 130;
    }
    if (options->update) return update_goldens(suite, runs);
    const ReportPaths paths{path_or_default(options->report, run.work_dir, "report.json"),
                            path_or_default(options->junit, run.work_dir, "junit.xml"),
                            path_or_default(options->html, run.work_dir, "report.html")};
    return check_goldens(suite, runs, elapsed_s, paths);
  };
}

}  // namespace axsim::cli
