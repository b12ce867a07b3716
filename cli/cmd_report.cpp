#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "models/core/error.h"
#include "models/core/result.h"
#include "reports/html_report.h"
#include "reports/layer_csv.h"
#include "reports/sweep_report.h"
#include "reports/timeline.h"

namespace axsim::cli {

namespace {

struct ReportOptions {
  std::vector<std::string> result_paths;
  std::string html_path;
  std::string timeline_path;
  std::string csv_path;
  reports::ScatterKeys scatter;
  bool scatter_chosen = false;  // --x or --y given
};

bool is_sweep_results(const std::string& path) {
  return path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
}

// A sweep page and a page of single results are different reports; one call makes one.
std::string render_sweep_page(const ReportOptions& options) {
  if (options.result_paths.size() != 1) {
    throw core::InputError("a sweep report takes one results.jsonl and nothing else; got " +
                           std::to_string(options.result_paths.size()) + " inputs");
  }
  if (!options.timeline_path.empty() || !options.csv_path.empty()) {
    throw core::InputError("--timeline and --csv read result JSONs, not a sweep's results.jsonl");
  }
  return reports::render_sweep_report(reports::load_sweep_file(options.result_paths[0]),
                                      options.scatter);
}

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
      "Perfetto/Chrome timeline and/or a per-layer CSV; or a sweep's results.jsonl into a "
      "sweep page");
  cmd->add_option("results", options->result_paths,
                  "result.json files written by axsim run, or one results.jsonl of axsim sweep")
      ->required();
  cmd->add_option("-o,--out", options->html_path,
                  "HTML file to write (default report.html unless --timeline or --csv is given)");
  cmd->add_option("--timeline", options->timeline_path,
                  "Trace-event JSON to write, for ui.perfetto.dev or chrome://tracing");
  cmd->add_option("--csv", options->csv_path, "CSV to write: one row per layer per result");
  const auto chose = [options](const std::string&) { options->scatter_chosen = true; };
  cmd->add_option("--x", options->scatter.x, "Sweep report: summary key on the x axis")
      ->capture_default_str()
      ->each(chose);
  cmd->add_option("--y", options->scatter.y, "Sweep report: summary key on the y axis")
      ->capture_default_str()
      ->each(chose);
  return [options]() {
    const bool sweep = std::any_of(options->result_paths.begin(), options->result_paths.end(),
                                   is_sweep_results);
    if (sweep) {
      const std::string page = render_sweep_page(*options);
      const std::string html_path = html_path_of(*options);
      core::write_text_atomically(html_path, page);
      std::cout << "report: " << html_path << "\n";
      return 0;
    }
    if (options->scatter_chosen) {
      throw core::InputError("--x and --y choose the axes of a sweep report (results.jsonl)");
    }
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
