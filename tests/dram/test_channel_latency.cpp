// Latencies and command spacing a DRAM engineer checks first, worked out by hand from
// docs/dram-controller.md with the HBM3 pseudo-channel timings. A request arriving at cycle a
// is accepted at a and visible to the scheduler from a + 1, so every latency below starts
// one cycle after arrival. Refresh is off here (its own tests cover it) so that no REFpb
// closes a bank in the middle of a measurement.
#include <catch2/catch.hpp>

#include "models/mem/dram/channel_sim.h"
#include "tests/dram/channel_test_streams.h"
#include "tests/dram/channel_test_util.h"
#include "models/mem/dram/hbm3_reference.h"

using namespace axsim::mem;
using namespace axsim::mem::test;

namespace {

const DramTiming kT = hbm3_timing();

ChannelReplay run(const std::vector<ChannelRequest>& requests) {
  return replay_channel(hbm3_org(), kT, controller_config(PagePolicy::open, RefreshMode::none),
                        requests);
}

Cycle completion_of(const ChannelReplay& replay, std::uint64_t id) {
  for (const Completion& c : replay.completions) {
    if (c.request_id == id) return c.cycle;
  }
  FAIL("request " << id << " never completed");
  return 0;
}

std::vector<Cycle> column_cycles(const ChannelReplay& replay) {
  std::vector<Cycle> cycles;
  for (const Command& c : column_commands(replay.commands)) cycles.push_back(c.cycle);
  return cycles;
}

}  // namespace

TEST_CASE(
    "an unloaded read to a closed bank takes tRCDRD + CL + tBL from the cycle after "
    "arrival",
    "[dram][latency]") {
  const Cycle a = 100;
  const ChannelReplay replay = run({read(1, a, 2, 1, 77, 5)});
  REQUIRE(replay.commands.size() == 2);
  CHECK(replay.commands[0].kind == CommandKind::ACT);
  CHECK(replay.commands[0].cycle == a + 1);
  CHECK(replay.commands[0].row == 77);
  CHECK(replay.commands[1].kind == CommandKind::RD);
  CHECK(replay.commands[1].cycle == a + 1 + kT.tRCDRD);
  CHECK(replay.commands[1].column == 5);
  CHECK(replay.commands[1].request_id == 1);
  // 100 + 1 + 31 + 20 + 2
  CHECK(completion_of(replay, 1) == 154);
  CHECK(completion_of(replay, 1) == a + 1 + kT.tRCDRD + kT.CL + kT.tBL);
}

TEST_CASE("an unloaded write waits one more cycle for write mode then takes tRCDWR + CWL + tBL",
          "[dram][latency]") {
  // Mode for cycle t + 1 comes from the queue counts at the start of t: the write is counted
  // from a + 1, so write mode starts at a + 2.
  const Cycle a = 100;
  const ChannelReplay replay = run({write(1, a, 0, 0, 3)});
  REQUIRE(replay.commands.size() == 2);
  CHECK(replay.commands[0].kind == CommandKind::ACT);
  CHECK(replay.commands[0].cycle == a + 2);
  CHECK(replay.commands[1].kind == CommandKind::WR);
  CHECK(replay.commands[1].cycle == a + 2 + kT.tRCDWR);
  CHECK(completion_of(replay, 1) == a + 2 + kT.tRCDWR + kT.CWL + kT.tBL);
}

TEST_CASE("a row hit costs CL + tBL", "[dram][latency]") {
  const Cycle a = 300;
  const ChannelReplay replay = run({read(1, 100, 1, 2, 9, 0), read(2, a, 1, 2, 9, 1)});
  REQUIRE(replay.commands.size() == 3);
  CHECK(replay.commands[2].kind == CommandKind::RD);
  CHECK(replay.commands[2].cycle == a + 1);
  CHECK(completion_of(replay, 2) - a == Cycle{1} + kT.CL + kT.tBL);
}

TEST_CASE("a row conflict adds tRP to a closed-bank read", "[dram][latency]") {
  const Cycle a = 300;
  const ChannelReplay replay = run({read(1, 100, 1, 2, 9), read(2, a, 1, 2, 10)});
  REQUIRE(replay.commands.size() == 5);
  CHECK(replay.commands[2].kind == CommandKind::PRE);
  CHECK(replay.commands[2].cycle == a + 1);
  CHECK(replay.commands[3].kind == CommandKind::ACT);
  CHECK(replay.commands[3].cycle == a + 1 + kT.tRP);
  CHECK(replay.commands[3].row == 10);
  CHECK(completion_of(replay, 2) - a == Cycle{1} + kT.tRP + kT.tRCDRD + kT.CL + kT.tBL);
}

TEST_CASE("a conflict right behind an ACT waits for tRAS before PRE and tRC before ACT",
          "[dram][latency]") {
  // Request 1 opens row 9 at 101 and reads at 132; request 2 wants row 10 of the same bank.
  // PRE may not come before ACT + tRAS = 146 (RD + tRTP = 141 is earlier); the next ACT
  // needs PRE + tRP = 172 and ACT + tRC = 173.
  const ChannelReplay replay = run({read(1, 100, 0, 3, 9), read(2, 101, 0, 3, 10)});
  REQUIRE(replay.commands.size() == 5);
  CHECK(replay.commands[1].cycle == 132);
  CHECK(replay.commands[2].kind == CommandKind::PRE);
  CHECK(replay.commands[2].cycle == Cycle{101} + kT.tRAS);
  CHECK(replay.commands[3].kind == CommandKind::ACT);
  CHECK(replay.commands[3].cycle == Cycle{101} + kT.tRC);
  CHECK(replay.commands[4].cycle == Cycle{101} + kT.tRC + kT.tRCDRD);
}

TEST_CASE("back-to-back row hits in alternating bank groups issue every tCCD_S",
          "[dram][latency]") {
  std::vector<ChannelRequest> requests = {read(0, 0, 0, 0, 5), read(1, 1, 1, 0, 5)};
  for (std::uint64_t i = 0; i < 16; ++i) {
    requests.push_back(
        read(10 + i, 400 + i, static_cast<int>(i % 2), 0, 5, static_cast<std::uint32_t>(i)));
  }
  const std::vector<Cycle> cycles = column_cycles(run(requests));
  REQUIRE(cycles.size() == 18);
  CHECK(cycles[2] == 401);
  for (std::size_t i = 3; i < cycles.size(); ++i) {
    CHECK(cycles[i] - cycles[i - 1] == static_cast<Cycle>(kT.tCCD_S));
  }
}

TEST_CASE("back-to-back row hits to two banks of one bank group issue every tCCD_L",
          "[dram][latency]") {
  std::vector<ChannelRequest> requests = {read(0, 0, 2, 0, 5), read(1, 1, 2, 1, 6)};
  for (std::uint64_t i = 0; i < 16; ++i) {
    const int bank = static_cast<int>(i % 2);
    requests.push_back(
        read(10 + i, 400 + i, 2, bank, bank == 0 ? 5 : 6, static_cast<std::uint32_t>(i)));
  }
  const std::vector<Cycle> cycles = column_cycles(run(requests));
  REQUIRE(cycles.size() == 18);
  CHECK(cycles[2] == 401);
  for (std::size_t i = 3; i < cycles.size(); ++i) {
    CHECK(cycles[i] - cycles[i - 1] == static_cast<Cycle>(kT.tCCD_L));
  }
}

TEST_CASE("a read after a write to the same bank group waits CWL + tBL + tWTR_L",
          "[dram][latency]") {
  // Both rows open first; then a write drains alone (reads empty) and a read follows.
  std::vector<ChannelRequest> requests = {read(0, 0, 3, 0, 1), read(1, 1, 3, 1, 2),
                                          write(2, 400, 3, 0, 1), read(3, 404, 3, 1, 2)};
  const std::vector<Command> columns = column_commands(run(requests).commands);
  REQUIRE(columns.size() == 4);
  CHECK(columns[2].kind == CommandKind::WR);
  CHECK(columns[2].cycle == 402);
  CHECK(columns[3].kind == CommandKind::RD);
  CHECK(columns[3].cycle == Cycle{402} + kT.CWL + kT.tBL + kT.tWTR_L);
}

TEST_CASE("a sequential read stream keeps the data bus busy on every cycle despite one command "
          "bus", "[dram][latency]") {
  // Consecutive bursts walk the bank groups (tCCD_S apart), and every 32 bursts per group a
  // new bank or row must be opened: the ACTs and PREs fit between the RDs, so once every
  // bank group has had its first RD (the first ACTs are tRRD_S apart), one burst follows
  // another with no gap, across more than 150 bank or row changes per bank group.
  StreamSpec spec;
  spec.pattern = Pattern::sequential;
  spec.count = 20000;
  spec.mean_gap = 0;
  spec.pause_every = 0;
  const std::vector<Cycle> cycles = column_cycles(run(make_stream(hbm3_org(), spec)));
  REQUIRE(cycles.size() == 20000);
  std::size_t gaps = 0;
  for (std::size_t i = 4; i < cycles.size(); ++i) {
    if (cycles[i] - cycles[i - 1] != static_cast<Cycle>(kT.tBL)) ++gaps;
  }
  CHECK(gaps == 0);
}
