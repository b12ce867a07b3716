#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/error.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "workloads/trace/counts.h"
#include "workloads/trace/trace_io.h"

namespace axsim::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
};

enum class FileKind { accelerator_config, tech_table, trace };

// JSON files are traces; a YAML file says what it is by its top-level keys.
FileKind classify(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".json") return FileKind::trace;
  const core::ConfigNode root = core::load_config_file(path);
  if (root.is_map() && root.has("kind")) return FileKind::accelerator_config;
  if (root.is_map() && root.has("actions")) return FileKind::tech_table;
  if (root.is_map() && root.has("layers")) return FileKind::trace;
  throw core::InputError(path + ": not an accelerator config (no 'kind:'), technology table (no "
                         "'actions:') or trace (no 'layers:')");
}

std::string describe(const std::string& path, const std::vector<std::string>& overrides) {
  switch (classify(path)) {
    case FileKind::accelerator_config: {
      const run::CheckedConfig c = run::check_config(run::accelerators(), path, overrides);
      return "accelerator config '" + c.name + "' (kind " + c.kind + ", tech " + c.tech_name +
             ", hash " + c.config_hash + ")";
    }
    case FileKind::tech_table: {
      const core::TechTable table = core::load_tech_table(path);
      return "technology table '" + table.name + "' (" + std::to_string(table.actions.size()) +
             " actions)";
    }
    case FileKind::trace: {
      const trace::Trace t = trace::load_trace(path);
      const trace::TraceCounts counts = trace::count_trace(t);
      return "trace '" + t.name + "' (" + std::to_string(t.layers.size()) + " layers, " +
             std::to_string(counts.params) + " parameters, " + std::to_string(counts.macs) +
             " MACs)";
    }
  }
  return "";
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check configs, technology tables and traces without running anything");
  cmd->add_option("files", options->files, "Files to check")->required();
  cmd->add_option("--set", options->overrides, "Config overrides, as for run (repeatable)");
  return [options]() {
    int failures = 0;
    for (const std::string& file : options->files) {
      try {
        std::cout << "ok: " << file << ": " << describe(file, options->overrides) << "\n";
      } catch (const core::InputError& e) {
        std::cerr << "axsim: error: " << e.what() << "\n";
        ++failures;
      }
    }
    return failures == 0 ? 0 : 2;
  };
}

}  // namespace axsim::cli
