// DRAM statistics and energy: the latency histogram's percentiles, the statistics a model
// reports from its activity, and the energy actions it charges.
#include <catch2/catch.hpp>

#include "models/core/energy.h"
#include "models/core/stats.h"
#include "models/mem/dram/dram_stats.h"
#include "models/mem/dram/latency_histogram.h"
#include "tests/dram/test_dram_fixtures.h"

using namespace axsim;
using namespace axsim::mem;

TEST_CASE("dram stats: latency percentiles within the histogram's resolution") {
  LatencyHistogram h;
  for (std::uint64_t v = 1; v <= 10000; ++v) h.record(v);
  CHECK(h.count() == 10000);
  CHECK(h.mean() == Approx(5000.5));
  CHECK(h.percentile(0.99) == Approx(9900).epsilon(0.016));
  CHECK(h.percentile(0.5) == Approx(5000).epsilon(0.016));
  CHECK(h.percentile(0.0) == 1);
  LatencyHistogram small;
  small.record(40, 99);
  small.record(300);
  CHECK(small.percentile(0.99) == 40);  // exact below 128 cycles
  CHECK(small.percentile(1.0) == Approx(300).epsilon(0.016));
  CHECK(LatencyHistogram().percentile(0.99) == 0);
}

TEST_CASE("dram stats: accesses spread evenly over a range fill it evenly") {
  LatencyHistogram h;
  h.record_uniform(1000, 2999, 2000);
  CHECK(h.count() == Approx(2000));
  CHECK(h.mean() == Approx(1999.5));
  CHECK(h.percentile(0.5) == Approx(2000).epsilon(0.02));
  CHECK(h.percentile(0.99) == Approx(2980).epsilon(0.02));
}

TEST_CASE("dram stats: the report derives bandwidth hit rate and latency from the activity") {
  const DramSpec spec = test::small_hbm();  // 4 units, 32 B bursts, 1.6 GHz
  DramActivity a(spec.organization.units());
  a.units[0].reads = 600;
  a.units[3].writes = 400;
  a.activates = 100;
  a.row_hits = 900;
  a.busy_cycles = 1000;
  a.latency.record(50, 1000);
  core::StatGroup stats("dram");
  report_dram_activity(spec, a, stats);
  CHECK(stats.find("bytes_read")->value == 600 * 32);
  CHECK(stats.find("bytes_written")->value == 400 * 32);
  CHECK(stats.find("row_hit_rate")->value == Approx(0.9));
  const double busy_s = 1000 / 1.6e9;
  CHECK(stats.find("achieved_bandwidth")->value == Approx(1000 * 32 / busy_s));
  CHECK(stats.find("bandwidth_fraction")->value == Approx(0.5));  // 32 B per cycle of 64
  CHECK(stats.find("latency_average")->value == Approx(50 / 1.6e9 + 10e-9));
  CHECK(stats.find("queue_occupancy_average") != nullptr);
  CHECK(stats.find_group("channels")->find_group("s0_ch1_pc1")->find("bytes")->value == 400 * 32);

}

TEST_CASE("dram stats: energy is charged per ACT per bit and per bank refreshed") {
  core::TechTable table;
  table.name = "test";
  for (const char* action : {"hbm3_activate", "hbm3_read_bit", "hbm3_write_bit", "hbm3_io_bit",
                             "hbm3_refresh"}) {
    table.actions[action] = core::TechAction{core::picojoules(1), "event", "test"};
  }
  DramSpec spec = test::small_hbm();
  DramActivity a(spec.organization.units());
  a.units[0].reads = 10;
  a.units[1].writes = 5;
  a.activates = 3;
  a.refreshes = 2;
  core::EnergyLedger ledger(table);
  charge_dram_energy(spec, a, ledger, "hbm", "layer0");
  const nlohmann::json by_action = ledger.to_json()["by_action"];
  CHECK(by_action["hbm3_activate"]["count"] == 3);
  CHECK(by_action["hbm3_read_bit"]["count"] == 10 * 256);
  CHECK(by_action["hbm3_write_bit"]["count"] == 5 * 256);
  CHECK(by_action["hbm3_io_bit"]["count"] == 15 * 256);
  CHECK(by_action["hbm3_refresh"]["count"] == 2);  // per-bank: one bank each
  CHECK(ledger.component("hbm").si == Approx((3 + 3840 + 3840 + 2) * 1e-12));

  spec.controller.refresh = RefreshMode::all_bank;
  core::EnergyLedger all_bank(table);
  charge_dram_energy(spec, a, all_bank, "hbm", "layer0");
  CHECK(all_bank.to_json()["by_action"]["hbm3_refresh"]["count"] == 2 * 16);
}
