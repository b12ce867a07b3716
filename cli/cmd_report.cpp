#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "models/core/result.h"
#include "reports/html_report.h"

namespace axsim::cli {

namespace {

struct ReportOptions {
  std::vector<std::string> result_paths;
  std::string out_path = "report.html";
};

}  // namespace

Command add_report_command(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Turn result JSONs into one self-contained HTML report (several: compared)");
  cmd->add_option("results", options->result_paths, "result.json files written by axsim run")
      ->required();
  cmd->add_option("-o,--out", options->out_path, "HTML file to write")->capture_default_str();
  return [options]() {
    std::vector<nlohmann::json> results;
    // Every file is checked before anything is written, so a bad input leaves no report.
    for (const auto& path : options->result_paths) {
      results.push_back(reports::load_result_file(path));
    }
    core::write_text_atomically(options->out_path, reports::render_html_report(results));
    std::cout << "report: " << options->out_path << "\n";
    return 0;
  };
}

}  // namespace axsim::cli
