#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#ifdef AXSIM_HAVE_RTL
#include "hw/cim/cim_check.h"
#include "hw/dataflow/conv_stream_check.h"
#include "hw/dram/dram_check.h"
#include "hw/rtl_check.h"
#endif

namespace axsim::cli {

#ifdef AXSIM_HAVE_RTL
namespace {

// The DRAM controller cross-check's agreement table; returns how many rows disagree.
int print_dram_checks(uint64_t seed, int requests) {
  const std::vector<hw::DramCheckRow> rows = hw::run_dram_checks(seed, requests);
  std::printf("\n%-14s %-10s %6s %-6s %-8s %4s %8s %9s %10s %9s %10s %s\n", "dram device",
              "pattern", "writes", "page", "refresh", "gap", "requests", "rtl cmds", "model cmds",
              "rtl last", "model last", "result");
  int mismatches = 0;
  for (const hw::DramCheckRow& r : rows) {
    mismatches += r.agrees() ? 0 : 1;
    const std::string result = !r.rtl_violation.empty()      ? "ILLEGAL: " + r.rtl_violation
                               : !r.first_difference.empty() ? "MISMATCH: " + r.first_difference
                                                             : "identical";
    std::printf("%-14s %-10s %5d%% %-6s %-8s %4d %8d %9zu %10zu %9llu %10llu %s\n",
                r.device.c_str(), r.pattern.c_str(), r.write_percent, r.page.c_str(),
                r.refresh.c_str(), r.mean_gap, r.requests, r.rtl_commands, r.model_commands,
                static_cast<unsigned long long>(r.rtl_last),
                static_cast<unsigned long long>(r.model_last), result.c_str());
  }
  std::printf("%zu DRAM checks, %d disagree\n", rows.size(), mismatches);
  return mismatches;
}

// The CIM macro cross-check's agreement table; returns how many rows disagree.
int print_cim_checks(uint64_t seed) {
  const std::vector<hw::CimCheckRow> rows = hw::run_cim_checks(seed);
  std::printf("\n%-17s %-25s %3s %3s %3s %3s %3s %3s %5s %10s %12s %10s %s\n", "cim macro",
              "stimulus", "K", "N", "adc", "b/c", "dac", "c/a", "shift", "rtl cycles",
              "model cycles", "max |err|", "outputs");
  int mismatches = 0;
  for (const hw::CimCheckRow& r : rows) {
    mismatches += r.agrees() ? 0 : 1;
    std::printf("%-17s %-25s %3lld %3lld %3d %3d %3d %3lld %5d %10lld %12lld %10lld %s\n",
                r.kernel.c_str(), r.stimulus.c_str(), static_cast<long long>(r.k),
                static_cast<long long>(r.n), r.adc_bits, r.bits_per_cell, r.dac_bits,
                static_cast<long long>(r.columns_per_adc), r.shift,
                static_cast<long long>(r.rtl_cycles), static_cast<long long>(r.model_cycles),
                static_cast<long long>(r.max_abs_error_vs_exact),
                r.outputs_match ? "bit-exact" : "MISMATCH");
  }
  std::printf("%zu CIM checks, %d disagree\n", rows.size(), mismatches);
  return mismatches;
}

// The streaming convolution stage's agreement table; returns how many rows disagree.
int print_stream_checks(uint64_t seed) {
  const std::vector<hw::StreamCheckRow> rows = hw::run_stream_checks(seed);
  std::printf("\n%5s %6s %6s %9s %11s %9s %11s %10s %12s %s\n", "width", "height", "period",
              "rtl first", "model first", "rtl last", "model last", "rtl stall", "model stall",
              "outputs");
  int mismatches = 0;
  for (const hw::StreamCheckRow& r : rows) {
    mismatches += r.agrees() ? 0 : 1;
    const char* result = !r.outputs_match ? "MISMATCH"
                         : r.agrees()     ? "bit-exact"
                                          : "bit-exact, CYCLES DIFFER";
    std::printf("%5lld %6lld %6lld %9lld %11lld %9lld %11lld %10lld %12lld %s\n",
                static_cast<long long>(r.width), static_cast<long long>(r.height),
                static_cast<long long>(r.consumer_period), static_cast<long long>(r.rtl_first),
                static_cast<long long>(r.model_first), static_cast<long long>(r.rtl_last),
                static_cast<long long>(r.model_last), static_cast<long long>(r.rtl_stalled),
                static_cast<long long>(r.model_stalled), result);
  }
  std::printf("%zu stream-stage checks, %d disagree\n", rows.size(), mismatches);
  return mismatches;
}

}  // namespace
#endif

Command add_rtl_check_command(CLI::App& app) {
  auto seed = std::make_shared<uint64_t>(1);
  auto dram_requests = std::make_shared<int>(1000);
  CLI::App* cmd = app.add_subcommand(
      "rtl-check", "Run the RTL kernels and the timing models on the same stimuli and compare");
  cmd->add_option("--seed", *seed, "Seed of the random operands and request streams")
      ->capture_default_str();
  cmd->add_option("--dram-requests", *dram_requests, "Requests per DRAM controller stream")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  return [seed, dram_requests]() {
#ifdef AXSIM_HAVE_RTL
    const std::vector<hw::RtlCheckRow> rows = hw::run_rtl_checks(*seed);
    std::printf("%-22s %-18s %6s %6s %6s %12s %12s %8s %s\n", "kernel", "dataflow", "M", "K", "N",
                "rtl cycles", "model cycles", "diff", "results");
    int mismatches = 0;
    for (const hw::RtlCheckRow& r : rows) {
      const bool cycles_match = r.rtl_cycles == r.model_cycles;
      mismatches += (cycles_match && r.results_match) ? 0 : 1;
      std::printf("%-22s %-18s %6lld %6lld %6lld %12lld %12lld %8lld %s\n", r.kernel.c_str(),
                  r.dataflow.c_str(), static_cast<long long>(r.m), static_cast<long long>(r.k),
                  static_cast<long long>(r.n), static_cast<long long>(r.rtl_cycles),
                  static_cast<long long>(r.model_cycles),
                  static_cast<long long>(r.rtl_cycles - r.model_cycles),
                  r.results_match ? "bit-exact" : "MISMATCH");
    }
    std::printf("%zu checks, %d disagree\n", rows.size(), mismatches);
    mismatches += print_dram_checks(*seed, *dram_requests);
    mismatches += print_cim_checks(*seed);
    mismatches += print_stream_checks(*seed);
    return mismatches == 0 ? 0 : 1;
#else
    (void)seed;
    (void)dram_requests;
    std::cerr << "axsim: error: this build has no RTL kernels (configured with "
                 "AXSIM_BUILD_RTL=OFF)\n";
    return 1;
#endif
  };
}

}  // namespace axsim::cli
