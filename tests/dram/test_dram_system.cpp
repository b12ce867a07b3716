// The detailed-mode system: bursts decoded to their controllers, timing out of the channel
// controllers, state that persists from one transfer to the next, statistics and energy.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "models/core/energy.h"
#include "models/core/stats.h"
#include "models/mem/dram/dram_system.h"
#include "tests/dram/test_dram_fixtures.h"

using namespace axsim;
using namespace axsim::mem;
using Catch::Matchers::Contains;

namespace {

constexpr std::uint64_t kMiB = 1 << 20;

double cycles(const DramSpec& spec, core::Time t) { return (t - spec.frontend_latency).si * spec.clock.si; }

Transfer read(std::uint64_t address, std::uint64_t bytes, double start_s = 0) {
  Transfer t;
  t.start = core::seconds(start_s);
  t.address = address;
  t.bytes = bytes;
  return t;
}

}  // namespace

TEST_CASE("dram system: one read to an idle device takes tRCD + CL + tBL after it is taken") {
  const DramSpec spec = test::preset("hbm3.yaml");
  DramSystem system(spec);
  const TransferTiming t = system.transfer(read(0, 32));
  const DramTiming& d = spec.timing;
  CHECK(cycles(spec, t.first_data) == Approx(1 + d.tRCDRD + d.CL + d.tBL));
  CHECK(t.finish == t.first_data);
}

TEST_CASE("dram system: a sequential read spreads evenly over every channel") {
  const DramSpec spec = test::hbm3_rows_first();
  DramSystem system(spec);
  const TransferTiming t = system.transfer(read(0, kMiB));
  core::StatGroup stats("hbm");
  system.report(stats);
  CHECK(stats.find("bytes_read")->value == kMiB);
  const core::StatGroup& channels = *stats.find_group("channels");
  CHECK(channels.find_group("s0_ch0_pc0")->find("bytes")->value == kMiB / 32);
  CHECK(channels.find_group("s0_ch15_pc1")->find("bytes")->value == kMiB / 32);
  // One ACT per 1 KiB row: every other burst of a row is a hit.
  CHECK(stats.find("activates")->value == kMiB / 1024);
  CHECK(stats.find("row_hit_rate")->value == Approx(31.0 / 32));
  const double fraction = stats.find("bandwidth_fraction")->value;
  CHECK(fraction > 0.5);
  CHECK(fraction < 1.0);
  CHECK(stats.find("latency_p99")->value <= t.finish.si);
  CHECK(stats.find("queue_occupancy_average")->value > 0);
}

TEST_CASE("dram system: open rows persist from one transfer to the next") {
  const DramSpec spec = test::hbm3_rows_first();
  DramSystem system(spec);
  system.transfer(read(0, 32));
  // The same row later: no ACT, so the row-to-column delay is gone.
  const double later = 100e-9;
  const TransferTiming again = system.transfer(read(32, 32, later));
  const DramTiming& d = spec.timing;
  CHECK(cycles(spec, again.first_data) - later * spec.clock.si == Approx(1 + d.CL + d.tBL).margin(1));
  core::StatGroup stats("hbm");
  system.report(stats);
  CHECK(stats.find("activates")->value == 1);
}

TEST_CASE("dram system: a transfer issued while another is in flight waits for it") {
  const DramSpec spec = test::preset("hbm3.yaml");
  DramSystem alone(spec);
  const TransferTiming one = alone.transfer(read(0, kMiB));
  DramSystem system(spec);
  system.transfer(read(0, kMiB));
  const TransferTiming second = system.transfer(read(kMiB, kMiB));
  CHECK(second.first_data > one.finish - core::nanoseconds(50));
  CHECK(second.finish.si == Approx(2 * one.finish.si).epsilon(0.1));
}

TEST_CASE("dram system: an access past the end is refused before anything runs") {
  const DramSpec spec = test::small_hbm();
  DramSystem system(spec);
  CHECK_THROWS_AS(system.transfer(read(spec.capacity_bytes() - 32, 64)), std::out_of_range);
  CHECK_THROWS_WITH(system.transfer(read(spec.capacity_bytes(), 32)), Contains("0x4000000"));
  CHECK_THROWS_AS(system.run_requests({{0, spec.capacity_bytes(), false}}), std::out_of_range);
  core::StatGroup stats("hbm");
  system.report(stats);
  CHECK(stats.find("reads")->value == 0);
}

TEST_CASE("dram system: strided random and copy transfers move the bursts they describe") {
  const DramSpec spec = test::small_hbm();
  DramSystem system(spec);
  Transfer strided = read(0, 64 * 1024);
  strided.pattern = AccessPattern::strided;
  strided.chunk_bytes = 256;
  strided.stride_bytes = 4096;
  system.transfer(strided);
  Transfer random = read(0, 32 * 1024);
  random.pattern = AccessPattern::random;
  random.span_bytes = 16 * kMiB;
  system.transfer(random);
  Transfer copy = read(0, 64 * 1024);
  copy.is_copy = true;
  copy.copy_to = 32 * kMiB;
  system.transfer(copy);
  core::StatGroup stats("hbm");
  system.report(stats);
  CHECK(stats.find("reads")->value == (64 + 32 + 64) * 1024 / 32);
  CHECK(stats.find("writes")->value == 64 * 1024 / 32);
}

TEST_CASE("dram system: request completions come back in input order") {
  const DramSpec spec = test::small_hbm();
  DramSystem system(spec);
  std::vector<DramRequest> requests;
  for (std::uint64_t i = 0; i < 2000; ++i) requests.push_back({i * 3, i * 4096 % spec.capacity_bytes(), i % 3 == 0});
  const std::vector<Cycle> done = system.run_requests(requests);
  REQUIRE(done.size() == requests.size());
  for (std::size_t i = 0; i < done.size(); ++i) {
    CHECK(done[i] >= requests[i].arrival + spec.timing.CWL + spec.timing.tBL);
  }
  CHECK_THROWS_AS(system.run_requests({{10, 0, false}, {5, 32, false}}), std::invalid_argument);
}

TEST_CASE("dram system: energy is charged with the preset's actions") {
  const DramSpec spec = test::hbm3_rows_first();
  const core::TechTable table =
      core::load_tech_table(std::string(AXSIM_SOURCE_DIR) + "/configs/tech/horowitz-45nm.yaml");
  DramSystem system(spec);
  system.transfer(read(0, kMiB));
  core::EnergyLedger ledger(table);
  system.charge_energy(ledger, "hbm", "decode");
  const nlohmann::json actions = ledger.to_json()["by_action"];
  CHECK(actions["hbm3_activate"]["count"] == kMiB / 1024);
  CHECK(actions["hbm3_read_bit"]["count"] == 8.0 * kMiB);
  CHECK(actions["hbm3_io_bit"]["count"] == 8.0 * kMiB);
  CHECK(ledger.component("hbm").si > 0);
}
