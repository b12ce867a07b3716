#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#ifdef AXSIM_HAVE_RTL
#include "hw/rtl_check.h"
#endif

namespace axsim::cli {

Command add_rtl_check_command(CLI::App& app) {
  auto seed = std::make_shared<uint64_t>(1);
  CLI::App* cmd = app.add_subcommand(
      "rtl-check", "Run the RTL kernels and the timing models on the same stimuli and compare");
  cmd->add_option("--seed", *seed, "Seed of the random operands")->capture_default_str();
  return [seed]() {
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
    return mismatches == 0 ? 0 : 1;
#else
    (void)seed;
    std::cerr << "axsim: error: this build has no RTL kernels (configured with "
                 "AXSIM_BUILD_RTL=OFF)\n";
    return 1;
#endif
  };
}

}  // namespace axsim::cli
