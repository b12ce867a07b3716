#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#ifdef AXSIM_HAVE_RTL
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
