// Refresh as docs/dram-controller.md schedules it, with HBM3 timings: per-bank refresh every
// floor(tREFI / 16) = 390 cycles round-robin, all-bank refresh every tREFI = 6240 cycles.
#include <catch2/catch.hpp>

#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/channel_sim.h"
#include "tests/dram/channel_test_util.h"
#include "models/mem/dram/hbm3_reference.h"

using namespace axsim::mem;
using namespace axsim::mem::test;

namespace {

const DramTiming kT = hbm3_timing();
constexpr Cycle kPerBankInterval = 6240 / 16;

ChannelReplay run(const std::vector<ChannelRequest>& requests, RefreshMode refresh) {
  return replay_channel(hbm3_org(), kT, controller_config(PagePolicy::open, refresh), requests);
}

// The command log up to cycle `until`, which may lie past the last completion.
std::vector<Command> log_until(const std::vector<ChannelRequest>& requests, RefreshMode refresh,
                               Cycle until) {
  ChannelController controller(hbm3_org(), kT, controller_config(PagePolicy::open, refresh));
  controller.record_commands(true);
  for (const ChannelRequest& r : requests) controller.push(r);
  controller.advance_to(until);
  return controller.commands();
}

}  // namespace

TEST_CASE("per-bank refresh takes the banks round-robin every tREFI over banks",
          "[dram][refresh]") {
  ChannelController controller(hbm3_org(), kT,
                               controller_config(PagePolicy::open, RefreshMode::per_bank));
  controller.record_commands(true);
  controller.advance_to(2 * 16 * kPerBankInterval + 1);
  const std::vector<Command>& log = controller.commands();
  REQUIRE(log.size() == 32);
  for (std::size_t k = 0; k < log.size(); ++k) {
    INFO("refresh " << k + 1);
    CHECK(log[k].kind == CommandKind::REFpb);
    CHECK(log[k].cycle == (k + 1) * kPerBankInterval);
    CHECK(log[k].bank_group == static_cast<int>(k % 16 / 4));
    CHECK(log[k].bank == static_cast<int>(k % 4));
  }
  CHECK(controller.counters().refreshes == 32);
}

TEST_CASE("per-bank refresh precharges its open bank first", "[dram][refresh]") {
  const std::vector<Command> log =
      log_until({read(1, 100, 0, 0, 5)}, RefreshMode::per_bank, kPerBankInterval + 100);
  REQUIRE(log.size() == 4);
  CHECK(log[1].kind == CommandKind::RD);
  CHECK(log[2].kind == CommandKind::PRE);
  CHECK(log[2].cycle == kPerBankInterval);
  CHECK(log[3].kind == CommandKind::REFpb);
  CHECK(log[3].cycle == kPerBankInterval + kT.tRP);
}

TEST_CASE("a pending per-bank refresh holds its bank even for row hits while others proceed",
          "[dram][refresh]") {
  // Bank 0 opens at 380 for request 1, whose RD would be legal at 411. From 390 bank 0's
  // refresh is pending and its PRE is legal only at 380 + tRAS = 425, so request 1 is held:
  // PRE 425, REFpb at max(PRE + tRP, ACT + tRC) = 452, ACT again at 452 + tRFCpb = 772.
  // Request 2 (bank group 1) is served meanwhile.
  const ChannelReplay replay =
      run({read(1, 379, 0, 0, 5), read(2, 391, 1, 1, 6)}, RefreshMode::per_bank);
  std::vector<Command> bank0;
  for (const Command& c : replay.commands) {
    if (c.bank_group == 0 && c.bank == 0) bank0.push_back(c);
  }
  REQUIRE(bank0.size() == 5);
  CHECK(bank0[0].kind == CommandKind::ACT);
  CHECK(bank0[0].cycle == 380);
  CHECK(bank0[1].kind == CommandKind::PRE);
  CHECK(bank0[1].cycle == Cycle{380} + kT.tRAS);
  CHECK(bank0[2].kind == CommandKind::REFpb);
  CHECK(bank0[2].cycle == Cycle{380} + kT.tRC);
  CHECK(bank0[3].kind == CommandKind::ACT);
  CHECK(bank0[3].cycle == Cycle{380} + kT.tRC + kT.tRFCpb);
  CHECK(bank0[4].kind == CommandKind::RD);
  CHECK(bank0[4].request_id == 1);
  const std::vector<Command> columns = column_commands(replay.commands);
  REQUIRE(columns.size() == 2);
  CHECK(columns[0].request_id == 2);
  CHECK(columns[0].cycle == Cycle{392} + kT.tRCDRD);
}

TEST_CASE("all-bank refresh blocks every bank for tRFC", "[dram][refresh]") {
  ChannelController controller(hbm3_org(), kT,
                               controller_config(PagePolicy::open, RefreshMode::all_bank));
  controller.record_commands(true);
  controller.push(read(1, kT.tREFI, 2, 3, 1));
  controller.push(read(2, kT.tREFI + 1, 0, 0, 1));
  controller.drain();
  const std::vector<Command>& log = controller.commands();
  REQUIRE(log.size() == 5);
  CHECK(log[0].kind == CommandKind::REFab);
  CHECK(log[0].cycle == static_cast<Cycle>(kT.tREFI));
  // Both banks wait out tRFC; the second ACT then waits tRRD_S behind the first.
  CHECK(log[1].kind == CommandKind::ACT);
  CHECK(log[1].cycle == static_cast<Cycle>(kT.tREFI + kT.tRFC));
  CHECK(log[2].kind == CommandKind::ACT);
  CHECK(log[2].cycle == static_cast<Cycle>(kT.tREFI + kT.tRFC + kT.tRRD_S));
  // Requests wait from the cycle after the first arrival until the refresh ends.
  CHECK(controller.counters().refresh_blocked == static_cast<Cycle>(kT.tRFC - 1));
}

TEST_CASE("all-bank refresh precharges open banks lowest index first", "[dram][refresh]") {
  const std::vector<Command> log =
      log_until({read(1, 6000, 0, 3, 1), read(2, 6001, 0, 1, 2)}, RefreshMode::all_bank, 6400);
  const std::vector<Command> pres = only(log, CommandKind::PRE);
  const std::vector<Command> refs = only(log, CommandKind::REFab);
  REQUIRE(pres.size() == 2);
  REQUIRE(refs.size() == 1);
  CHECK(pres[0].bank == 1);
  CHECK(pres[0].cycle == static_cast<Cycle>(kT.tREFI));
  CHECK(pres[1].bank == 3);
  CHECK(pres[1].cycle == static_cast<Cycle>(kT.tREFI + 1));
  CHECK(refs[0].cycle == static_cast<Cycle>(kT.tREFI + 1 + kT.tRP));
}

TEST_CASE("refresh mode none never refreshes", "[dram][refresh]") {
  ChannelController controller(hbm3_org(), kT,
                               controller_config(PagePolicy::open, RefreshMode::none));
  controller.record_commands(true);
  controller.advance_to(100 * static_cast<Cycle>(kT.tREFI));
  CHECK(controller.commands().empty());
  CHECK(controller.now() == 100 * static_cast<Cycle>(kT.tREFI));
}
