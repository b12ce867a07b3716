#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/onnx_input.h"
#include "cli/summary_table.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"

namespace axsim::cli {

namespace {

struct RunOptions {
  run::RunRequest request;
  std::string out_dir = "out/run";
  std::size_t top_layers = 8;
  bool quiet = false;
};

}  // namespace

Command add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate one trace on one accelerator config");
  cmd->add_option("config", options->request.config_path, "Accelerator config (YAML)")
      ->required();
  cmd->add_option("trace", options->request.trace_path,
                  "Trace (.json or .yaml), or an ONNX model (.onnx) to import first")
      ->required();
  cmd->add_option("-o,--out", options->out_dir, "Output folder; result.json is written there")
      ->capture_default_str();
  cmd->add_option("--set", options->request.overrides,
                  "Override a config value: --set systolic.clock='1 GHz' (repeatable)");
  cmd->add_option("--top", options->top_layers, "Slowest layers to list")->capture_default_str();
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
  return [options]() {
    options->request.trace_path = trace_for_run(options->request.trace_path, options->out_dir);
    const core::RunResult result = run::simulate(run::accelerators(), options->request);
    const std::string path = (std::filesystem::path(options->out_dir) / "result.json").string();
    core::write_result(result, path);
    if (!options->quiet) {
      print_summary(std::cout, result, options->top_layers);
      std::cout << "  result: " << path << "\n";
    }
    return 0;
  };
}

}  // namespace axsim::cli
