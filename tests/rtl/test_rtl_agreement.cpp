// The Verilated systolic array is the timing model's ground truth: over seeded random INT8
// GEMMs, every kernel size and dataflow, the RTL result equals the reference GEMM bit for
// bit and the RTL cycle count equals time_gemm() exactly (no tolerance).
#include <catch2/catch.hpp>

#include "hw/rtl_check.h"

using axsim::hw::RtlCheckRow;

namespace {

void check_agreement(uint64_t seed) {
  const std::vector<RtlCheckRow> rows = axsim::hw::run_rtl_checks(seed);
  REQUIRE(rows.size() == 3 * 3 * 7);
  for (const RtlCheckRow& row : rows) {
    INFO(row.kernel << " " << row.dataflow << " m=" << row.m << " k=" << row.k << " n=" << row.n);
    CHECK(row.results_match);
    CHECK(row.rtl_cycles == row.model_cycles);
  }
}

}  // namespace

TEST_CASE("RTL agrees with the model and the reference, seed 1", "[rtl]") { check_agreement(1); }

TEST_CASE("RTL agrees with the model and the reference, seed 20240611", "[rtl]") {
  check_agreement(20240611);
}
