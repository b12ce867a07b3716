#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/error.h"
#include "models/mem/dram/dram_config.h"
#include "models/mem/sram/sram_config.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "sweep/sweep_spec.h"
#include "workloads/trace/counts.h"
#include "workloads/trace/trace_io.h"

namespace axsim::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
};

std::string fixed(double value, const char* unit) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(value < 10 ? 2 : 1) << value << " " << unit;
  return out.str();
}
std::string binary_bytes(double bytes) {
  if (bytes >= 1024.0 * 1024 * 1024) return fixed(bytes / (1024.0 * 1024 * 1024), "GiB");
  if (bytes >= 1024.0 * 1024) return fixed(bytes / (1024.0 * 1024), "MiB");
  return fixed(bytes / 1024.0, "KiB");
}
std::string gb_per_s(double bytes_per_s) { return fixed(bytes_per_s / 1e9, "GB/s"); }

enum class FileKind { accelerator_config, tech_table, trace, dram_preset, sram_preset, sweep };

// JSON files are traces; a YAML file says what it is by its top-level keys.
FileKind classify(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".json") return FileKind::trace;
  const core::ConfigNode root = core::load_config_file(path);
  if (root.is_map() && root.has("kind")) return FileKind::accelerator_config;
  if (root.is_map() && root.has("actions")) return FileKind::tech_table;
  if (root.is_map() && root.has("layers")) return FileKind::trace;
  if (root.is_map() && root.has("axes")) return FileKind::sweep;
  if (root.is_map() && root.has("organization")) return FileKind::dram_preset;
  if (root.is_map() && root.has("banks") && root.has("ports")) return FileKind::sram_preset;
  throw core::InputError(path +
                         ": not an accelerator config (no 'kind:'), technology table (no "
                         "'actions:'), trace (no 'layers:'), sweep (no 'axes:'), DRAM preset (no "
                         "'organization:') or SRAM preset (no 'banks:' and 'ports:')");
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
    case FileKind::dram_preset: {
      const mem::DramSpec spec = mem::load_memory_config(path, overrides);
      return "DRAM preset '" + spec.name + "' (" + spec.standard + ", " +
             binary_bytes(static_cast<double>(spec.capacity_bytes())) + ", peak " +
             gb_per_s(spec.peak_bandwidth().si) + ")";
    }
    case FileKind::sram_preset: {
      const mem::SramConfig sram = mem::load_sram_file(path, overrides);
      return "SRAM preset '" + sram.name + "' (" +
             binary_bytes(static_cast<double>(sram.capacity_bytes)) + ", peak " +
             gb_per_s(sram.peak_bandwidth().si) + ")";
    }
    case FileKind::sweep: {
      const sweep::SweepSpec spec = sweep::load_sweep_spec(path);
      return "sweep '" + spec.name + "' (" + std::to_string(spec.configs.size()) + " configs, " +
             std::to_string(spec.workloads.size()) + " workloads, " +
             std::to_string(spec.axes.size()) + " axes)";
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
        const std::string what = describe(file, options->overrides);
        std::cout << "ok: " << file << ": " << what << "\n";
      } catch (const core::InputError& e) {
        std::cerr << "axsim: error: " << e.what() << "\n";
        ++failures;
      }
    }
    return failures == 0 ? 0 : 2;
  };
}

}  // namespace axsim::cli
