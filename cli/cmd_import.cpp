#include <algorithm>
#include <cctype>
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
#ifdef AXSIM_HAVE_ONNX
#include "workloads/onnx/onnx_import.h"
#endif

namespace axsim::cli {

namespace {

struct ImportOptions {
  std::string input;
  std::string out;
  std::string dtype = "int8";
  std::string quantize = "none";
  std::string granularity = "per-channel";
  std::string scheme = "symmetric";
  std::vector<std::string> input_shapes;
  std::string unsupported = "error";
};

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

int import_scalesim(const ImportOptions& options) {
  trace::DType dtype;
  try {
    dtype = trace::parse_dtype(options.dtype);
  } catch (const std::invalid_argument& e) {
    throw core::InputError(std::string("import: --dtype: ") + e.what());
  }
  const trace::Trace net = trace::import_scalesim_csv(options.input, dtype);
  trace::validate_trace(net, options.input);
  trace::write_trace(net, options.out);
  const trace::TraceCounts counts = trace::count_trace(net);
  std::cout << net.name << ": " << net.layers.size() << " layers, " << counts.macs << " MACs -> "
            << options.out << "\n";
  return 0;
}

#ifdef AXSIM_HAVE_ONNX
onnx_import::ImportOptions onnx_options(const ImportOptions& options) {
  onnx_import::ImportOptions o;
  for (const std::string& text : options.input_shapes) {
    auto [name, dims] = onnx_import::parse_input_shape(text);
    o.input_shapes[name] = dims;
  }
  const std::map<std::string, onnx_import::QuantTarget> targets = {
      {"none", onnx_import::QuantTarget::none},
      {"int8", onnx_import::QuantTarget::int8},
      {"int4", onnx_import::QuantTarget::int4},
      {"w4a8", onnx_import::QuantTarget::w4a8}};
  o.quantize.target = targets.at(options.quantize);
  o.quantize.per_channel = options.granularity == "per-channel";
  o.quantize.symmetric = options.scheme == "symmetric";
  o.unsupported = options.unsupported == "cpu" ? onnx_import::Unsupported::cpu
                                               : onnx_import::Unsupported::error;
  return o;
}

int import_onnx(const ImportOptions& options) {
  const onnx_import::ImportResult result =
      onnx_import::import_onnx(options.input, onnx_options(options));
  trace::write_trace(result.trace, options.out);
  std::cout << onnx_import::format_report(result, options.input) << "trace: " << options.out
            << "\n";
  return 0;
}
#endif

}  // namespace

Command add_import_command(CLI::App& app) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Turn a model or another tool's network description into a trace (.onnx, .csv)");
  cmd->add_option("input", options->input,
                  "ONNX model (.onnx) or SCALE-Sim topology (.csv, conv or GEMM form)")
      ->required();
  cmd->add_option("-o,--out", options->out, "Trace file to write (.json or .yaml)")->required();
  cmd->add_option("--dtype", options->dtype, "SCALE-Sim: data type of weights and activations")
      ->capture_default_str();
  cmd->add_option(
         "--quantize", options->quantize,
         "ONNX: quantize a float model (weights/activations: int8 8/8, int4 4/4, w4a8 4/8)")
      ->check(CLI::IsMember({"none", "int8", "int4", "w4a8"}))
      ->capture_default_str();
  cmd->add_option("--granularity", options->granularity,
                  "ONNX --quantize: one weight scale per output channel or per tensor")
      ->check(CLI::IsMember({"per-channel", "per-tensor"}))
      ->capture_default_str();
  cmd->add_option("--scheme", options->scheme,
                  "ONNX --quantize: symmetric (zero point 0) or asymmetric weight scales")
      ->check(CLI::IsMember({"symmetric", "asymmetric"}))
      ->capture_default_str();
  cmd->add_option("--input-shape", options->input_shapes,
                  "ONNX: fix a graph input's shape, e.g. x=1x3x224x224 (repeatable)");
  cmd->add_option("--unsupported", options->unsupported,
                  "ONNX: an operator no layer describes is an error, or kept as a generic "
                  "layer for the host CPU")
      ->check(CLI::IsMember({"error", "cpu"}))
      ->capture_default_str();
  return [options]() {
    const std::string ext = lower_extension(options->input);
    if (ext == ".csv") return import_scalesim(*options);
    if (ext != ".onnx") {
      throw core::InputError(options->input + ": cannot import '" + ext +
                             "' files (supported: .onnx models, .csv SCALE-Sim topologies)");
    }
#ifdef AXSIM_HAVE_ONNX
    return import_onnx(*options);
#else
    throw core::InputError(options->input +
                           ": this axsim was built without ONNX import (AXSIM_WITH_ONNX=OFF)");
#endif
  };
}

}  // namespace axsim::cli
