// axsim mem-bench: the bandwidth-latency sweep of one memory preset (docs/memory-presets.md),
// printed as a table and written as JSON, CSV and an HTML page with the chart.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "cli/commands.h"
#include "models/core/error.h"
#include "models/core/result.h"
#include "models/mem/dram/dram_config.h"
#include "models/mem/dram/mem_bench.h"
#include "reports/mem_bench_report.h"

namespace axsim::cli {

namespace {

struct MemBenchCommandOptions {
  std::string memory;
  std::string out_dir = "out/mem-bench";
  std::vector<std::string> patterns;  // empty: every pattern
  std::vector<double> loads;          // empty: the library's default loads
  std::vector<std::string> overrides;
  bool no_saturation = false;
  std::uint64_t requests = 0;  // 0: the library's default
  std::uint64_t seed = 1;
};

mem::MemBenchOptions bench_options(const MemBenchCommandOptions& o) {
  mem::MemBenchOptions options;
  if (!o.patterns.empty()) {
    options.patterns.clear();
    for (const std::string& name : o.patterns)
      options.patterns.push_back(*mem::parse_bench_pattern(name));
  }
  if (!o.loads.empty()) options.loads = o.loads;
  options.saturation = !o.no_saturation;
  if (o.requests != 0) options.requests = o.requests;
  options.seed = o.seed;
  return options;
}

// The results as the report reads them back; docs/memory-presets.md lists the keys.
nlohmann::json results_json(const mem::DramSpec& spec, const std::string& file,
                            const mem::MemBenchResult& result) {
  nlohmann::json rows = nlohmann::json::array();
  for (const mem::MemBenchRow& r : result.rows) {
    rows.push_back({{"pattern", mem::bench_pattern_name(r.pattern)},
                    {"saturation", r.saturation},
                    {"offered_load", r.offered_load},
                    {"offered_bytes_per_s", r.offered_bandwidth.si},
                    {"bandwidth_bytes_per_s", r.achieved_bandwidth.si},
                    {"achieved_fraction", r.achieved_fraction},
                    {"latency_mean_s", r.latency_mean.si},
                    {"latency_p99_s", r.latency_p99.si},
                    {"row_hit_rate", r.row_hit_rate},
                    {"requests", r.requests}});
  }
  return {{"memory",
           {{"name", spec.name},
            {"standard", spec.standard},
            {"file", file},
            {"peak_bandwidth_bytes_per_s", result.peak_bandwidth.si},
            {"capacity_bytes", static_cast<double>(spec.capacity_bytes())},
            {"unloaded_read_latency_s", result.unloaded_read_latency.si},
            {"unloaded_read_latency_from_timing_s", result.unloaded_read_latency_from_timing.si}}},
          {"rows", rows}};
}

std::string results_csv(const nlohmann::json& results) {
  static const char* const kColumns[] = {"pattern",
                                         "saturation",
                                         "offered_load",
                                         "offered_bytes_per_s",
                                         "bandwidth_bytes_per_s",
                                         "achieved_fraction",
                                         "latency_mean_s",
                                         "latency_p99_s",
                                         "row_hit_rate",
                                         "requests"};
  std::ostringstream out;
  for (const char* column : kColumns) out << (column == kColumns[0] ? "" : ",") << column;
  out << "\n";
  for (const nlohmann::json& row : results["rows"]) {
    for (const char* column : kColumns) {
      out << (column == kColumns[0] ? "" : ",");
      const nlohmann::json& value = row[column];
      out << (value.is_string() ? value.get<std::string>() : value.dump());
    }
    out << "\n";
  }
  return out.str();
}

void print_table(const mem::DramSpec& spec, const mem::MemBenchResult& result) {
  std::printf("%s (%s): peak %s, unloaded read latency %s (from the timing: %s)\n",
              spec.name.c_str(), spec.standard.c_str(),
              core::format_bandwidth(result.peak_bandwidth).c_str(),
              core::format_time(result.unloaded_read_latency).c_str(),
              core::format_time(result.unloaded_read_latency_from_timing).c_str());
  std::printf("%-18s %10s %12s %12s %8s %11s %11s %9s\n", "pattern", "offered", "offered bw",
              "achieved bw", "of peak", "mean lat", "p99 lat", "row hits");
  for (const mem::MemBenchRow& r : result.rows) {
    char offered[16];
    if (r.saturation) {
      std::snprintf(offered, sizeof offered, "saturation");
    } else {
      std::snprintf(offered, sizeof offered, "%.0f%%", 100 * r.offered_load);
    }
    std::printf("%-18s %10s %12s %12s %7.1f%% %11s %11s %8.1f%%\n",
                mem::bench_pattern_name(r.pattern), offered,
                r.saturation ? "-" : core::format_bandwidth(r.offered_bandwidth).c_str(),
                core::format_bandwidth(r.achieved_bandwidth).c_str(), 100 * r.achieved_fraction,
                core::format_time(r.latency_mean).c_str(), core::format_time(r.latency_p99).c_str(),
                100 * r.row_hit_rate);
  }
}

std::vector<std::string> pattern_names() {
  std::vector<std::string> names;
  for (mem::BenchPattern p : mem::all_bench_patterns()) names.push_back(mem::bench_pattern_name(p));
  return names;
}

}  // namespace

Command add_mem_bench_command(CLI::App& app) {
  auto o = std::make_shared<MemBenchCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "mem-bench", "Measure a memory preset's bandwidth against latency per access pattern");
  cmd->add_option("memory", o->memory, "Memory preset (configs/mem/*.yaml)")->required();
  cmd->add_option("-o,--output", o->out_dir, "Folder for bandwidth_latency.{json,csv,html}")
      ->capture_default_str();
  cmd->add_option("--pattern", o->patterns, "Access pattern to measure (repeatable; default all)")
      ->check(CLI::IsMember(pattern_names()));
  cmd->add_option("--loads", o->loads, "Offered loads as fractions of peak, e.g. 0.25,0.5,1")
      ->delimiter(',');
  cmd->add_option("--requests", o->requests, "Burst-sized requests per point (default 65536)");
  cmd->add_option("--seed", o->seed, "Seed of the random pattern")->capture_default_str();
  cmd->add_flag("--no-saturation", o->no_saturation,
                "Skip the point that offers every request at once");
  cmd->add_option("--set", o->overrides, "Preset overrides, as for run (repeatable)");
  return [o]() {
    const mem::DramSpec spec = mem::load_memory_config(o->memory, o->overrides);
    mem::MemBenchResult result;
    try {
      result = mem::run_mem_bench(spec, bench_options(*o));
    } catch (const std::invalid_argument& e) {
      throw core::InputError(e.what());  // options that describe no measurement
    }
    print_table(spec, result);

    const nlohmann::json results = results_json(spec, o->memory, result);
    const std::filesystem::path out(o->out_dir);
    core::write_text_atomically((out / "bandwidth_latency.json").string(), results.dump(2) + "\n");
    core::write_text_atomically((out / "bandwidth_latency.csv").string(), results_csv(results));
    core::write_text_atomically((out / "bandwidth_latency.html").string(),
                                reports::render_mem_bench_page(reports::mem_bench_view(results)));
    std::cout << "wrote " << (out / "bandwidth_latency").string() << ".{json,csv,html}\n";
    return 0;
  };
}

}  // namespace axsim::cli
