// Scheduling behaviour of the channel controller, observed in its command log: FR-FCFS,
// closed-page auto-precharge, write drain between watermarks, back-pressure from a full
// queue, and the controller's own interface (completions, drain, idle).
#include <algorithm>
#include <catch2/catch.hpp>

#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/channel_sim.h"
#include "tests/dram/channel_test_util.h"
#include "models/mem/dram/hbm3_reference.h"

using namespace axsim::mem;
using namespace axsim::mem::test;

namespace {

const DramTiming kT = hbm3_timing();

ChannelReplay run(const std::vector<ChannelRequest>& requests, ControllerConfig config) {
  return replay_channel(hbm3_org(), kT, config, requests);
}

ControllerConfig no_refresh(PagePolicy page = PagePolicy::open) {
  return controller_config(page, RefreshMode::none);
}

}  // namespace

TEST_CASE("FR-FCFS serves a younger row hit before an older row conflict", "[dram][schedule]") {
  // Row 1 opens for request 1. Request 2 (row 2, older) conflicts; request 3 (row 1,
  // younger) hits and is served first, and the PRE for request 2 waits until no queued
  // request wants row 1.
  const ChannelReplay replay =
      run({read(1, 0, 0, 0, 1), read(2, 2, 0, 0, 2), read(3, 3, 0, 0, 1, 1)}, no_refresh());
  const std::vector<Command> columns = column_commands(replay.commands);
  REQUIRE(columns.size() == 3);
  CHECK(columns[0].request_id == 1);
  CHECK(columns[1].request_id == 3);
  CHECK(columns[1].cycle == columns[0].cycle + kT.tCCD_L);
  CHECK(columns[2].request_id == 2);
  const std::vector<Command> pres = only(replay.commands, CommandKind::PRE);
  REQUIRE(pres.size() == 1);
  CHECK(pres[0].cycle > columns[1].cycle);
}

TEST_CASE("closed page issues RDA and WRA for lone requests", "[dram][schedule]") {
  const ChannelReplay replay =
      run({read(1, 100, 1, 1, 4), write(2, 400, 2, 2, 8)}, no_refresh(PagePolicy::closed));
  const std::vector<Command> columns = column_commands(replay.commands);
  REQUIRE(columns.size() == 2);
  CHECK(columns[0].kind == CommandKind::RDA);
  CHECK(columns[1].kind == CommandKind::WRA);
  CHECK(only(replay.commands, CommandKind::PRE).empty());
}

TEST_CASE("closed page keeps the row open while another queued request wants it",
          "[dram][schedule]") {
  const ChannelReplay replay =
      run({read(1, 0, 1, 1, 4, 0), read(2, 1, 1, 1, 4, 1)}, no_refresh(PagePolicy::closed));
  const std::vector<Command> columns = column_commands(replay.commands);
  REQUIRE(columns.size() == 2);
  CHECK(columns[0].kind == CommandKind::RD);
  CHECK(columns[1].kind == CommandKind::RDA);
  CHECK(only(replay.commands, CommandKind::ACT).size() == 1);
}

TEST_CASE("closed page reopens a bank tRP after its auto-precharge", "[dram][schedule]") {
  SECTION("after RDA the precharge waits for tRAS and the ACT for tRC") {
    // ACT 101, RDA 132: precharge at max(132 + tRTP, 101 + tRAS) = 146, ACT at
    // max(146 + tRP, 101 + tRC) = 173.
    const ChannelReplay replay =
        run({read(1, 100, 0, 2, 4), read(2, 101, 0, 2, 5)}, no_refresh(PagePolicy::closed));
    const std::vector<Command> acts = only(replay.commands, CommandKind::ACT);
    REQUIRE(acts.size() == 2);
    CHECK(acts[0].cycle == 101);
    CHECK(only(replay.commands, CommandKind::RDA).at(0).cycle == 132);
    CHECK(acts[1].cycle == 173);
  }
  SECTION("after WRA the precharge waits for write recovery") {
    // Write mode from 102: ACT 102, WRA 117, precharge at max(117 + CWL + tBL + tWR,
    // 102 + tRAS) = 160, ACT at max(160 + tRP, 102 + tRC) = 186.
    const ChannelReplay replay =
        run({write(1, 100, 0, 2, 4), write(2, 101, 0, 2, 5)}, no_refresh(PagePolicy::closed));
    const std::vector<Command> acts = only(replay.commands, CommandKind::ACT);
    REQUIRE(acts.size() == 2);
    CHECK(acts[0].cycle == 102);
    CHECK(only(replay.commands, CommandKind::WRA).at(0).cycle == 117);
    CHECK(acts[1].cycle == Cycle{117} + kT.CWL + kT.tBL + kT.tWR + kT.tRP);
  }
}

TEST_CASE("an auto-precharge after a read still waits for an earlier write's recovery",
          "[dram][schedule]") {
  // Watermarks 2 / 1: two writes open row 4 and the first is written (WR 117, the second
  // still wants the row, so no auto-precharge); with one write left and reads waiting, the
  // controller turns to reads. The read of row 4 is the last hit, so it goes out as RDA at
  // 117 + CWL + tBL + tWTR_L = 137. Its precharge must honour the WR's recovery,
  // 117 + CWL + tBL + tWR = 160, not just 137 + tRTP; row 5 opens tRP later.
  ControllerConfig config = no_refresh(PagePolicy::closed);
  config.write_high = 2;
  config.write_low = 1;
  const ChannelReplay replay = run({write(1, 100, 0, 2, 4, 0), write(2, 101, 0, 2, 4, 1),
                                    read(3, 102, 0, 2, 4, 2), read(4, 103, 0, 2, 5, 0)},
                                   config);
  const std::vector<Command> columns = column_commands(replay.commands);
  REQUIRE(columns.size() >= 2);
  CHECK(columns[0].kind == CommandKind::WR);
  CHECK(columns[0].cycle == 117);
  CHECK(columns[1].kind == CommandKind::RDA);
  CHECK(columns[1].cycle == Cycle{117} + kT.CWL + kT.tBL + kT.tWTR_L);
  const std::vector<Command> acts = only(replay.commands, CommandKind::ACT);
  REQUIRE(acts.size() >= 2);
  CHECK(acts[1].row == 5);
  CHECK(acts[1].cycle == Cycle{117} + kT.CWL + kT.tBL + kT.tWR + kT.tRP);
}

TEST_CASE("write drain starts at write_high and runs down to write_low", "[dram][schedule]") {
  // Reads and writes alternate, all due at cycle 0, so one is accepted per cycle. The reads
  // all conflict in one bank and are slow, so reads never run out; the writes hit other
  // bank groups. The 24th write (request 47) is accepted at cycle 47 and counted from 48,
  // so write mode starts at 49 with an ACT for the first write.
  ControllerConfig config = no_refresh();
  config.write_high = 24;
  config.write_low = 8;
  std::vector<ChannelRequest> requests;
  for (std::uint64_t i = 0; i < 400; ++i) {
    if (i % 2 == 0) {
      requests.push_back(read(i, 0, 0, 0, static_cast<std::uint32_t>(i / 2 % 2)));
    } else {
      requests.push_back(write(i, 0, 1 + static_cast<int>(i / 2 % 3), static_cast<int>(i % 4), 3,
                               static_cast<std::uint32_t>(i / 8 % 32)));
    }
  }
  const ChannelReplay replay = run(requests, config);

  const auto touches_write_bank = [](const Command& c) { return c.bank_group != 0; };
  const auto first =
      std::find_if(replay.commands.begin(), replay.commands.end(), touches_write_bank);
  REQUIRE(first != replay.commands.end());
  CHECK(first->kind == CommandKind::ACT);
  CHECK(first->cycle == 49);

  // Runs of consecutive WRs: each drain serves at least write_high - write_low writes,
  // except the last, which empties the queue after the reads have run out.
  std::vector<int> runs;
  int current = 0;
  for (const Command& c : column_commands(replay.commands)) {
    if (c.kind == CommandKind::WR) {
      ++current;
    } else if (current > 0) {
      runs.push_back(current);
      current = 0;
    }
  }
  if (current > 0) runs.push_back(current);
  REQUIRE(runs.size() >= 3);
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    INFO("write run " << i);
    CHECK(runs[i] >= config.write_high - config.write_low);
  }
}

TEST_CASE("a full read queue holds arrivals back until a request leaves", "[dram][schedule]") {
  // Five reads to five banks, all due at 0. ACTs at 1, 5, 9, 13 (tRRD_S). With room for all
  // five the fifth ACT waits only for tFAW (1 + 24 = 25). With a queue of four the fifth is
  // accepted the cycle after the first RD (32) frees a slot, and is visible from 34.
  std::vector<ChannelRequest> requests = {read(0, 0, 0, 0, 1), read(1, 0, 1, 0, 1),
                                          read(2, 0, 2, 0, 1), read(3, 0, 3, 0, 1),
                                          read(4, 0, 0, 1, 1)};
  ControllerConfig config = no_refresh();
  SECTION("deep queue") {
    const std::vector<Command> acts = only(run(requests, config).commands, CommandKind::ACT);
    REQUIRE(acts.size() == 5);
    CHECK(acts[3].cycle == 13);
    CHECK(acts[4].cycle == Cycle{1} + kT.tFAW);
  }
  SECTION("queue of four") {
    config.read_queue = 4;
    const ChannelReplay replay = run(requests, config);
    const std::vector<Command> acts = only(replay.commands, CommandKind::ACT);
    REQUIRE(acts.size() == 5);
    const Cycle first_read = column_commands(replay.commands).at(0).cycle;
    CHECK(first_read == 32);
    CHECK(acts[4].cycle == first_read + 2);
  }
}

TEST_CASE("completions are reported once and drain ends at the last one", "[dram][schedule]") {
  ChannelController controller(hbm3_org(), kT, no_refresh());
  CHECK(controller.idle());
  controller.push(read(7, 10, 0, 0, 1));
  CHECK_FALSE(controller.idle());
  controller.advance_to(20);
  CHECK(controller.now() == 20);
  CHECK(controller.take_completions().empty());  // ACT at 11, RD not yet
  const Cycle last = controller.drain();
  CHECK(last == Cycle{11} + kT.tRCDRD + kT.CL + kT.tBL);
  CHECK(controller.now() == last);
  CHECK(controller.idle());
  const std::vector<Completion> done = controller.take_completions();
  REQUIRE(done.size() == 1);
  CHECK(done[0].request_id == 7);
  CHECK(done[0].cycle == last);
  CHECK(controller.take_completions().empty());
  controller.advance_to(5);
  CHECK(controller.now() == last);
  CHECK(controller.drain() == last);
}

TEST_CASE("counters add up over a mixed stream", "[dram][schedule]") {
  ChannelController controller(hbm3_org(), kT, ControllerConfig{});
  std::uint64_t id = 0;
  for (std::uint32_t round = 0; round < 50; ++round) {
    for (int g = 0; g < 4; ++g)
      controller.push(read(id++, 10 * round, g, 0, round % 3, round % 32));
    for (int g = 0; g < 4; ++g) {
      controller.push(write(id++, 10 * round + 5, g, 1, round % 2, round % 32));
    }
  }
  controller.drain();
  const ChannelCounters& c = controller.counters();
  CHECK(c.reads == 200);
  CHECK(c.writes == 200);
  CHECK(c.row_hits + c.row_misses + c.row_conflicts == 400);
  CHECK(c.row_conflicts > 0);
  CHECK(c.row_hits > 0);
  CHECK(c.data_bus_busy == 400 * static_cast<Cycle>(kT.tBL));
  CHECK(c.cycles == controller.now());
  CHECK(c.queue_occupancy_sum > 0.0);
  CHECK(c.conflict_blocked > 0);
  CHECK(c.refreshes > 0);
}
