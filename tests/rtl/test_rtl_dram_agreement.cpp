// The Verilated DRAM channel controller is the detailed-mode controller's ground truth: over
// seeded request streams (sequential, strided, random; 0/30/50/100 % writes; open and closed
// page; saturated and paced arrivals) on HBM3-like and LPDDR5-like timings and a refresh
// stress case, both issue the same commands at the same cycles and complete every request at
// the same cycle, and the RTL's log passes the independent timing checker. No tolerance.
#include <catch2/catch.hpp>

#include "hw/dram/dram_check.h"

using namespace axsim;

namespace {

// Long enough for HBM3's all-bank refresh (tREFI 6240) to come round in saturated streams.
constexpr int kRequests = 2000;

void check_agreement(const std::string& device, mem::RefreshMode refresh, std::uint64_t seed,
                     int requests = kRequests) {
  int checked = 0;
  for (const hw::DramCheckCase& check : hw::dram_check_cases(seed, requests)) {
    if (check.device.name != device || check.refresh != refresh) continue;
    const hw::DramCheckRow row = hw::run_dram_check(check);
    INFO(row.device << " " << row.pattern << " " << row.write_percent << "% writes " << row.page
                    << " page " << row.refresh << " refresh mean gap " << row.mean_gap << ": "
                    << row.first_difference << " " << row.rtl_violation);
    CHECK(row.rtl_violation.empty());
    CHECK(row.commands_match);
    CHECK(row.completions_match);
    CHECK(row.rtl_commands >= static_cast<std::size_t>(requests));
    ++checked;
  }
  // 3 patterns x 4 mixes x 2 page policies x 2 loads.
  CHECK(checked == 48);
}

}  // namespace

TEST_CASE("DRAM RTL agrees with the controller: hbm3-like without refresh", "[rtl][dram]") {
  check_agreement("hbm3-like", mem::RefreshMode::none, 1);
}

TEST_CASE("DRAM RTL agrees with the controller: hbm3-like per-bank refresh", "[rtl][dram]") {
  check_agreement("hbm3-like", mem::RefreshMode::per_bank, 1);
}

TEST_CASE("DRAM RTL agrees with the controller: hbm3-like all-bank refresh", "[rtl][dram]") {
  check_agreement("hbm3-like", mem::RefreshMode::all_bank, 1);
}

TEST_CASE("DRAM RTL agrees with the controller: lpddr5-like without refresh", "[rtl][dram]") {
  check_agreement("lpddr5-like", mem::RefreshMode::none, 1);
}

TEST_CASE("DRAM RTL agrees with the controller: lpddr5-like per-bank refresh", "[rtl][dram]") {
  check_agreement("lpddr5-like", mem::RefreshMode::per_bank, 1);
}

TEST_CASE("DRAM RTL agrees with the controller: lpddr5-like all-bank refresh", "[rtl][dram]") {
  check_agreement("lpddr5-like", mem::RefreshMode::all_bank, 1);
}

// A refresh falls due every 40 cycles here: a shorter stream still meets hundreds.
TEST_CASE("DRAM RTL agrees with the controller: refresh stress per-bank", "[rtl][dram]") {
  check_agreement("refresh-stress", mem::RefreshMode::per_bank, 1, 800);
}

TEST_CASE("DRAM RTL agrees with the controller: refresh stress all-bank", "[rtl][dram]") {
  check_agreement("refresh-stress", mem::RefreshMode::all_bank, 1, 800);
}

TEST_CASE("DRAM RTL agrees with the controller on a second seed", "[rtl][dram]") {
  for (const hw::DramCheckDevice& device : hw::dram_check_devices()) {
    for (const mem::RefreshMode refresh :
         {mem::RefreshMode::none, mem::RefreshMode::per_bank, mem::RefreshMode::all_bank}) {
      check_agreement(device.name, refresh, 20240611, 500);
    }
  }
}
