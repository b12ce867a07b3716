// The Verilated DRAM channel controller on its own: short request streams whose command logs
// are derived by hand from docs/dram-controller.md with the HBM3-like timing set (tRCDRD 31,
// tRCDWR 15, tRAS 45, tRC 72, tRP 26, tRRD_S 4, tFAW 24, CL 20, CWL 8, tBL 2).
#include <catch2/catch.hpp>
#include <stdexcept>

#include "hw/dram/dram_devices.h"
#include "hw/dram/dram_rtl.h"

using namespace axsim;
using mem::Command;
using mem::CommandKind;

namespace {

mem::ChannelRequest read(std::uint64_t id, mem::Cycle arrival, int group, int bank,
                         std::uint32_t row, std::uint32_t column = 0) {
  return {id, arrival, false, group, bank, row, column};
}

mem::ChannelRequest write(std::uint64_t id, mem::Cycle arrival, int group, int bank,
                          std::uint32_t row, std::uint32_t column = 0) {
  return {id, arrival, true, group, bank, row, column};
}

Command row_command(mem::Cycle cycle, CommandKind kind, int group, int bank, std::uint32_t row) {
  return {cycle, kind, group, bank, row, 0, 0};
}

Command act(mem::Cycle cycle, int group, int bank, std::uint32_t row) {
  return row_command(cycle, CommandKind::ACT, group, bank, row);
}

Command pre(mem::Cycle cycle, int group, int bank) {
  return row_command(cycle, CommandKind::PRE, group, bank, 0);
}

Command column(mem::Cycle cycle, CommandKind kind, const mem::ChannelRequest& r) {
  return {cycle, kind, r.bank_group, r.bank, r.row, r.column, r.id};
}

mem::ChannelReplay run(const std::vector<mem::ChannelRequest>& requests,
                       mem::PagePolicy page = mem::PagePolicy::open,
                       mem::RefreshMode refresh = mem::RefreshMode::none, int read_queue = 16) {
  const hw::DramCheckDevice device = hw::hbm3_like_device();
  mem::ControllerConfig config = hw::dram_check_controller(page, refresh);
  config.read_queue = read_queue;
  return hw::replay_channel_on_rtl(device.org, device.timing, config, requests);
}

void check_commands(const mem::ChannelReplay& replay, const std::vector<Command>& want) {
  REQUIRE(replay.commands.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("command " << i);
    CHECK(mem::to_string(replay.commands[i]) == mem::to_string(want[i]));
    CHECK(replay.commands[i] == want[i]);
  }
}

}  // namespace

TEST_CASE("DRAM RTL: a read to a closed bank is ACT then RD tRCDRD later", "[rtl][dram]") {
  const mem::ChannelRequest r = read(7, 0, 2, 3, 1234, 17);
  const mem::ChannelReplay replay = run({r});
  // Taken in cycle 0, seen by the scheduler from cycle 1.
  check_commands(replay, {act(1, 2, 3, 1234), column(32, CommandKind::RD, r)});
  REQUIRE(replay.completions.size() == 1);
  CHECK(replay.completions[0].request_id == 7);
  CHECK(replay.completions[0].cycle == 32 + 20 + 2);
}

TEST_CASE("DRAM RTL: closed page auto-precharges only the last hit to a row", "[rtl][dram]") {
  const mem::ChannelRequest a = read(0, 0, 0, 0, 5, 1);
  const mem::ChannelRequest b = read(1, 0, 0, 0, 5, 2);
  // b still hits the row when a is served, so a is a plain RD; b follows tCCD_L (4) later.
  check_commands(
      run({a, b}, mem::PagePolicy::closed),
      {act(1, 0, 0, 5), column(32, CommandKind::RD, a), column(36, CommandKind::RDA, b)});
}

TEST_CASE("DRAM RTL: a row conflict waits for tRAS then tRC before the new row", "[rtl][dram]") {
  const mem::ChannelRequest a = read(0, 0, 1, 1, 5);
  const mem::ChannelRequest b = read(1, 0, 1, 1, 9);
  // PRE at max(ACT + tRAS, RD + tRTP) = max(46, 41); ACT at max(PRE + tRP, ACT + tRC) =
  // max(72, 73).
  check_commands(run({a, b}), {act(1, 1, 1, 5), column(32, CommandKind::RD, a), pre(46, 1, 1),
                               act(73, 1, 1, 9), column(104, CommandKind::RD, b)});
}

TEST_CASE("DRAM RTL: a lone write waits one cycle for write mode", "[rtl][dram]") {
  const mem::ChannelRequest w = write(3, 0, 0, 2, 40, 8);
  // Counts at the start of cycle 1 (no reads, one write) switch the mode for cycle 2.
  const mem::ChannelReplay replay = run({w});
  check_commands(replay, {act(2, 0, 2, 40), column(17, CommandKind::WR, w)});
  REQUIRE(replay.completions.size() == 1);
  CHECK(replay.completions[0].cycle == 17 + 8 + 2);
}

TEST_CASE("DRAM RTL: the fifth ACT waits for tFAW", "[rtl][dram]") {
  std::vector<mem::ChannelRequest> requests;
  for (int i = 0; i < 4; ++i) requests.push_back(read(static_cast<std::uint64_t>(i), 0, i, 0, 3));
  requests.push_back(read(4, 0, 0, 1, 3));
  const mem::ChannelReplay replay = run(requests);
  std::vector<Command> acts;
  for (const Command& c : replay.commands) {
    if (c.kind == CommandKind::ACT) acts.push_back(c);
  }
  // tRRD_S (4) apart, then the first ACT + tFAW (1 + 24).
  check_commands({acts, {}}, {act(1, 0, 0, 3), act(5, 1, 0, 3), act(9, 2, 0, 3), act(13, 3, 0, 3),
                              act(25, 0, 1, 3)});
}

TEST_CASE("DRAM RTL: a full queue takes the next request the cycle after a RD", "[rtl][dram]") {
  const mem::ChannelRequest a = read(0, 0, 0, 0, 0);
  const mem::ChannelRequest b = read(1, 0, 1, 0, 0);
  // One-entry read queue: b is taken in cycle 33, when a has left, and ACTs in 34.
  check_commands(run({a, b}, mem::PagePolicy::open, mem::RefreshMode::none, 1),
                 {act(1, 0, 0, 0), column(32, CommandKind::RD, a), act(34, 1, 0, 0),
                  column(65, CommandKind::RD, b)});
}

TEST_CASE("DRAM RTL: per-bank refresh walks the banks every tREFI over 16", "[rtl][dram]") {
  // floor(6240 / 16) = 390 cycles apart, banks in index order g * 4 + b; a late read keeps
  // the run going past the fifth.
  const mem::ChannelRequest r = read(0, 2000, 3, 3, 77);
  std::vector<Command> want;
  for (int k = 1; k <= 5; ++k) {
    want.push_back(row_command(static_cast<mem::Cycle>(390 * k), CommandKind::REFpb, (k - 1) / 4,
                               (k - 1) % 4, 0));
  }
  want.push_back(act(2001, 3, 3, 77));
  want.push_back(column(2032, CommandKind::RD, r));
  check_commands(run({r}, mem::PagePolicy::open, mem::RefreshMode::per_bank), want);
}

TEST_CASE("DRAM RTL: all-bank refresh closes open banks lowest first", "[rtl][dram]") {
  const mem::ChannelRequest a = read(0, 6000, 2, 0, 11);
  const mem::ChannelRequest b = read(1, 6000, 0, 1, 12);
  const mem::ChannelRequest c = read(2, 6300, 0, 1, 13);
  // Refresh due at tREFI = 6240: PRE bank 1 (g0 b1) before bank 8 (g2 b0), REFab tRP after
  // the last PRE; c, though queued, waits tRFC after the REFab for its ACT.
  check_commands(run({a, b, c}, mem::PagePolicy::open, mem::RefreshMode::all_bank),
                 {act(6001, 2, 0, 11), act(6005, 0, 1, 12), column(6032, CommandKind::RD, a),
                  column(6036, CommandKind::RD, b), pre(6240, 0, 1), pre(6241, 2, 0),
                  row_command(6267, CommandKind::REFab, 0, 0, 0), act(6827, 0, 1, 13),
                  column(6858, CommandKind::RD, c)});
}

TEST_CASE("DRAM RTL: the facade rejects what the RTL was not built for", "[rtl][dram]") {
  const hw::DramCheckDevice device = hw::hbm3_like_device();
  const mem::ControllerConfig config =
      hw::dram_check_controller(mem::PagePolicy::open, mem::RefreshMode::none);
  mem::ChannelOrg wide = device.org;
  wide.bank_groups = hw::dram_rtl_limits().bank_groups + 1;
  CHECK_THROWS_AS(hw::replay_channel_on_rtl(wide, device.timing, config, {}),
                  std::invalid_argument);
  mem::ControllerConfig deep = config;
  deep.read_queue = hw::dram_rtl_limits().queue_depth + 1;
  CHECK_THROWS_AS(hw::replay_channel_on_rtl(device.org, device.timing, deep, {}),
                  std::invalid_argument);
  CHECK_THROWS_AS(hw::replay_channel_on_rtl(device.org, device.timing, config,
                                            {read(0, 0, 0, 0, device.org.rows)}),
                  std::invalid_argument);
  CHECK_THROWS_AS(hw::replay_channel_on_rtl(device.org, device.timing, config,
                                            {read(0, 5, 0, 0, 1), read(1, 4, 0, 0, 1)}),
                  std::invalid_argument);
}
