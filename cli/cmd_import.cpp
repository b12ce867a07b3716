#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/commands.h"
#include "models/core/error.h"
#include "workloads/scalesim/scalesim_import.h"
#include "workloads/trace/counts.h"
#include "workloads/trace/trace_io.h"
#include "workloads/trace/validate.h"

namespace axsim::cli {

namespace {

struct ImportOptions {
  std::string input;
  std::string out;
  std::string dtype = "int8";
};

}  // namespace

Command add_import_command(CLI::App& app) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Turn another tool's network description into a trace (SCALE-Sim .csv)");
  cmd->add_option("input", options->input, "SCALE-Sim topology CSV (conv or GEMM form)")
      ->required();
  cmd->add_option("-o,--out", options->out, "Trace file to write (.json or .yaml)")->required();
  cmd->add_option("--dtype", options->dtype, "Data type of weights and activations")
      ->capture_default_str();
  return [options]() {
    const std::string ext = std::filesystem::path(options->input).extension().string();
    if (ext != ".csv") {
      throw core::InputError(options->input + ": cannot import '" + ext +
                             "' files (supported: .csv SCALE-Sim topologies)");
    }
    trace::DType dtype;
    try {
      dtype = trace::parse_dtype(options->dtype);
    } catch (const std::invalid_argument& e) {
      throw core::InputError(std::string("import: --dtype: ") + e.what());
    }
    const trace::Trace net = trace::import_scalesim_csv(options->input, dtype);
    trace::validate_trace(net, options->input);
    trace::write_trace(net, options->out);
    const trace::TraceCounts counts = trace::count_trace(net);
    std::cout << net.name << ": " << net.layers.size() << " layers, " << counts.macs
              << " MACs -> " << options->out << "\n";
    return 0;
  };
}

}  // namespace axsim::cli
