// The Verilated CIM macro is the ground truth for models/cim: over every verilated geometry
// and seeded cases (full and partial tiles, extremes, clipping sums) the RTL returns what
// mvm_macro() returns, bit for bit, in exactly mvm_cycles(); and the check can fail.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <stdexcept>
#include <string>

#include "hw/cim/cim_check.h"
#include "hw/cim/cim_rtl.h"
#include "models/cim/macro.h"

using namespace axsim;
using hw::CimCheckCase;
using hw::CimCheckRow;

namespace {

constexpr size_t kCasesPerConfig = 7;

void check_agreement(uint64_t seed) {
  const std::vector<CimCheckRow> rows = hw::run_cim_checks(seed);
  REQUIRE(rows.size() == hw::cim_rtl_configs().size() * kCasesPerConfig);
  for (const CimCheckRow& row : rows) {
    INFO(row.kernel << " " << row.stimulus << " k=" << row.k << " n=" << row.n);
    CHECK(row.outputs_match);
    CHECK(row.rtl_cycles == row.model_cycles);
  }
}

std::vector<CimCheckCase> cases_of(const std::string& config, uint64_t seed) {
  std::vector<CimCheckCase> out;
  for (const CimCheckCase& c : hw::cim_check_cases(seed)) {
    if (c.config.name == config) out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("cim macro RTL agrees with mvm_macro and mvm_cycles, seed 1", "[rtl][cim]") {
  check_agreement(1);
}

TEST_CASE("cim macro RTL agrees with mvm_macro and mvm_cycles, seed 20240611", "[rtl][cim]") {
  check_agreement(20240611);
}

TEST_CASE("cim macro RTL cycles are the hand-derived input steps x mux x conversion + 2",
          "[rtl][cim]") {
  // exact: 8 steps x 4 columns x 1 cycle; serial: 8 x 8 x 1; dac2: 4 x 1 x 2; clip: 3 x 2 x 3.
  const std::map<std::string, int64_t> expected = {{"cim_exact_16x32", 34},
                                                   {"cim_serial_32x64", 66},
                                                   {"cim_dac2_64x8", 10},
                                                   {"cim_clip_32x12", 20}};
  for (const hw::CimRtlConfig& config : hw::cim_rtl_configs()) {
    INFO(config.name);
    const CimCheckCase c = cases_of(config.name, 3).front();
    CHECK(hw::run_mvm_on_rtl(config.name, c.weights, c.x).cycles == expected.at(config.name));
    CHECK(cim::mvm_cycles(config.geometry) == expected.at(config.name));
  }
}

TEST_CASE("cim macro RTL with shift 0 and no clipping is the exact product", "[rtl][cim]") {
  const std::vector<CimCheckCase> cases = cases_of("cim_exact_16x32", 5);
  REQUIRE(cim::adc_shift(cases.front().config.geometry) == 0);
  for (const CimCheckCase& c : cases) {
    INFO(c.stimulus);
    CHECK(hw::run_mvm_on_rtl(c.config.name, c.weights, c.x).outputs ==
          cim::mvm_exact(c.weights, c.x));
  }
}

TEST_CASE("cim macro RTL rounding and clipping differ from exact and equal the model",
          "[rtl][cim]") {
  for (const std::string config : {"cim_serial_32x64", "cim_dac2_64x8", "cim_clip_32x12"}) {
    int64_t worst = 0;
    for (const CimCheckCase& c : cases_of(config, 5)) {
      const CimCheckRow row = hw::run_cim_check(c);
      INFO(config << " " << c.stimulus);
      CHECK(row.outputs_match);
      worst = std::max(worst, row.max_abs_error_vs_exact);
    }
    INFO(config);
    CHECK(worst > 0);
  }
  // All 127: every partial sum is the largest the array makes, far above the clip ADC's
  // 5-bit range, so every code is the top code.
  const CimCheckCase max = [] {
    for (const CimCheckCase& c : cases_of("cim_clip_32x12", 5)) {
      if (c.stimulus == "all max") return c;
    }
    throw std::logic_error("no all-max case");
  }();
  const CimCheckRow row = hw::run_cim_check(max);
  CHECK(row.outputs_match);
  CHECK(row.max_abs_error_vs_exact > 1000);
}

TEST_CASE("the cim macro check fails when the model's geometry is not the RTL's", "[rtl][cim]") {
  for (const hw::CimRtlConfig& config : hw::cim_rtl_configs()) {
    INFO(config.name);
    const CimCheckCase c = cases_of(config.name, 9).front();
    cim::MacroGeometry fewer_adc_bits = config.geometry;
    fewer_adc_bits.adc_bits -= 1;
    CHECK_FALSE(hw::run_cim_check(c, fewer_adc_bits).agrees());
    CHECK_FALSE(hw::run_cim_check(c, fewer_adc_bits).outputs_match);
    cim::MacroGeometry slower = config.geometry;
    slower.conversion_cycles += 1;
    const CimCheckRow row = hw::run_cim_check(c, slower);
    CHECK(row.outputs_match);
    CHECK(row.rtl_cycles != row.model_cycles);
  }
}

TEST_CASE("the cim macro RTL facade rejects what the kernel cannot run", "[rtl][cim]") {
  const CimCheckCase c = cases_of("cim_exact_16x32", 1).front();
  CHECK_THROWS_AS(hw::run_mvm_on_rtl("cim_nonexistent", c.weights, c.x), std::invalid_argument);
  cim::MacroWeights too_deep{17, 1, std::vector<int32_t>(17, 0)};
  CHECK_THROWS_AS(hw::run_mvm_on_rtl("cim_exact_16x32", too_deep, std::vector<int32_t>(17, 0)),
                  std::invalid_argument);
  cim::MacroWeights wide{1, 1, {128}};
  CHECK_THROWS_AS(hw::run_mvm_on_rtl("cim_exact_16x32", wide, {0}), std::invalid_argument);
  cim::MacroWeights one{1, 1, {1}};
  CHECK_THROWS_AS(hw::run_mvm_on_rtl("cim_exact_16x32", one, {-129}), std::invalid_argument);
  CHECK_THROWS_AS(hw::run_mvm_on_rtl("cim_exact_16x32", one, {1, 2}), std::invalid_argument);
}

TEST_CASE("cim macro RTL runs MVMs back to back and reprograms in place", "[rtl][cim]") {
  for (const hw::CimRtlConfig& config : hw::cim_rtl_configs()) {
    INFO(config.name);
    const std::vector<CimCheckCase> c = cases_of(config.name, 11);
    // c[0] and c[6] (random, random non-negative) share a full k x n: the second is written
    // over the first, the column sums updated in place; c[1] (partial) needs a clear first.
    const std::vector<hw::CimRtlMvm> mvms = {{c[0].weights, c[0].x},
                                             {c[0].weights, c[6].x},
                                             {c[6].weights, c[0].x},
                                             {c[1].weights, c[1].x},
                                             {c[0].weights, c[5].x}};
    const std::vector<hw::CimRtlResult> results = hw::run_mvms_on_rtl(config.name, mvms);
    REQUIRE(results.size() == mvms.size());
    for (size_t i = 0; i < mvms.size(); ++i) {
      INFO("mvm " << i);
      CHECK(results[i].outputs == cim::mvm_macro(config.geometry, mvms[i].weights, mvms[i].x));
      CHECK(results[i].cycles == cim::mvm_cycles(config.geometry));
    }
  }
}
