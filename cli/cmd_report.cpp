#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "models/core/result.h"
#include "reports/html_report.h"
#include "reports/layer_csv.h"
#include "reports/timeline.h"

namespace axsim::cli {

namespace {

struct ReportOptions {
  std::vector<std::string> result_paths;
  std::string html_path;
  std::string timeline_path;
  std::string csv_path;
};

// The HTML page is the default output, but asking only for a timeline or a CSV should not
// also leave a report.html behind: the page is written when -o names it or nothing else was
// asked for.
std::string html_path_of(const ReportOptions& options) {
  if (!options.html_path.empty()) return options.html_path;
  return options.timeline_path.empty() && options.csv_path.empty() ? "report.html" : "";
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Turn result JSONs into a self-contained HTML report (several: compared), a "
      "Perfetto/Chrome timeline and/or a per-layer CSV");
  cmd->add_option("results", options->result_paths, "result.json files written by axsim run")
      ->required();
  cmd->add_option("-o,--out", options->html_path,
                  "HTML file to write (default report.html unless --timeline or --csv is given)");
  cmd->add_option("--timeline", options->timeline_path,
                  "Trace-event JSON to write, for ui.perfetto.dev or chrome://tracing");
  cmd->add_option("--csv", options->csv_path, "CSV to write: one row per layer per result");
  return [options]() {
    std::vector<nlohmann::json> results;
    // Every file is checked and every output rendered before anything is written, so a bad
    // input leaves no output at all.
    for (const auto& path : options->result_paths) {
      results.push_back(reports::load_result_file(path));
    }
    std::vector<std::pair<std::string, std::string>> outputs;  // path, text
    if (const std::string html_path = html_path_of(*options); !html_path.empty()) {
      outputs.emplace_back(html_path, reports::render_html_report(results));
    }
    if (!options->timeline_path.empty()) {
      outputs.emplace_back(options->timeline_path, reports::render_timeline(results));
    }
    if (!options->csv_path.empty()) {
      outputs.emplace_back(options->csv_path, reports::render_layer_csv(results));
    }
    for (const auto& [path, text] : outputs) {
      core::write_text_atomically(path, text);
      std::cout << "report: " << path << "\n";
    }
    return 0;
  };
}

}  // namespace axsim::cli
