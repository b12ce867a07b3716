// The timing checker catches broken logs: legal controller logs edited by hand (a command
// moved one cycle earlier, a PRE dropped, refreshes removed, two commands in one cycle) and
// small logs written to break one rule each. Each case asserts which rule is named and the
// cycle it required.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>

#include "models/mem/dram/channel_sim.h"
#include "models/mem/dram/timing_checker.h"
#include "tests/dram/channel_test_streams.h"
#include "tests/dram/channel_test_util.h"
#include "models/mem/dram/hbm3_reference.h"

using namespace axsim::mem;
using namespace axsim::mem::test;
using Catch::Matchers::Contains;

namespace {

const ChannelOrg kOrg = hbm3_org();
const DramTiming kT = hbm3_timing();

std::vector<Command> controller_log(const std::vector<ChannelRequest>& requests,
                                    PagePolicy page = PagePolicy::open,
                                    RefreshMode refresh = RefreshMode::none) {
  return replay_channel(kOrg, kT, controller_config(page, refresh), requests).commands;
}

std::optional<TimingViolation> check(const std::vector<Command>& log,
                                     RefreshMode refresh = RefreshMode::none) {
  return check_command_log(kOrg, kT, refresh, log);
}

Command command(Cycle cycle, CommandKind kind, int bank_group, int bank, std::uint32_t row = 0) {
  Command c;
  c.cycle = cycle;
  c.kind = kind;
  c.bank_group = bank_group;
  c.bank = bank;
  c.row = row;
  return c;
}

std::vector<Command> saturating_random_log(std::uint64_t seed, double write_fraction) {
  StreamSpec spec;
  spec.pattern = Pattern::random;
  spec.count = 600;
  spec.mean_gap = 0;
  spec.pause_every = 0;
  spec.write_fraction = write_fraction;
  spec.seed = seed;
  return controller_log(make_stream(kOrg, spec));
}

// The log up to and including log[i] moved one cycle earlier: nothing after it can change
// the first violation, which must be at i.
std::vector<Command> moved_earlier(const std::vector<Command>& log, std::size_t i) {
  std::vector<Command> broken(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  broken[i].cycle -= 1;
  return broken;
}

// The latest ACT to the bank of log[i] before it, or nothing.
std::optional<Cycle> last_act_before(const std::vector<Command>& log, std::size_t i) {
  for (std::size_t k = i; k-- > 0;) {
    if (log[k].kind == CommandKind::ACT && log[k].bank_group == log[i].bank_group &&
        log[k].bank == log[i].bank) {
      return log[k].cycle;
    }
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a RD moved one cycle earlier than ACT + tRCDRD is caught", "[dram][checker]") {
  std::vector<Command> log = controller_log({read(1, 100, 2, 1, 77)});
  REQUIRE_FALSE(check(log).has_value());
  REQUIRE(log[1].cycle == 132);
  log[1].cycle = 131;
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 1);
  CHECK(v->command.kind == CommandKind::RD);
  CHECK_THAT(v->rule, Contains("tRCDRD"));
  CHECK(v->required == 132);
  CHECK_THAT(v->message, Contains("131 RD bg2 b1 row 77"));
  CHECK_THAT(v->message, Contains("101 ACT bg2 b1 row 77"));
  CHECK_THAT(v->message, Contains("needs cycle 132"));
}

TEST_CASE("every column command issued exactly tRCD after its ACT is caught one cycle earlier",
          "[dram][checker]") {
  int mutated = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const std::vector<Command> log = saturating_random_log(seed, 0.3);
    REQUIRE_FALSE(check(log).has_value());
    for (std::size_t i = 1; i < log.size() && mutated < 40 * static_cast<int>(seed); ++i) {
      if (!is_column(log[i].kind)) continue;
      const bool is_read = log[i].kind == CommandKind::RD || log[i].kind == CommandKind::RDA;
      const auto act = last_act_before(log, i);
      REQUIRE(act.has_value());
      const Cycle tight = *act + static_cast<Cycle>(is_read ? kT.tRCDRD : kT.tRCDWR);
      if (log[i].cycle != tight || log[i - 1].cycle >= tight - 1) continue;
      const auto v = check(moved_earlier(log, i));
      INFO("command " << i << ": " << to_string(log[i]));
      REQUIRE(v.has_value());
      CHECK(v->index == i);
      // tRCD asked for exactly the original cycle; another rule may tie with it.
      CHECK(v->required == tight);
      ++mutated;
    }
  }
  CHECK(mutated > 50);
}

TEST_CASE("a dropped PRE leaves an ACT to an open bank", "[dram][checker]") {
  std::vector<Command> log = controller_log({read(1, 100, 1, 2, 9), read(2, 300, 1, 2, 10)});
  REQUIRE(log.size() == 5);
  REQUIRE(log[2].kind == CommandKind::PRE);
  log.erase(log.begin() + 2);
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 2);
  CHECK(v->command.kind == CommandKind::ACT);
  CHECK(v->rule == "bank closed");
  CHECK_THAT(v->message, Contains("open at row 9"));
}

TEST_CASE("a fifth ACT inside tFAW is caught", "[dram][checker]") {
  std::vector<Command> log;
  for (int g = 0; g < 4; ++g) log.push_back(command(4 * g, CommandKind::ACT, g, 0, 1));
  log.push_back(command(16, CommandKind::ACT, 0, 1, 1));
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 4);
  CHECK_THAT(v->rule, Contains("tFAW"));
  CHECK(v->required == 24);
  log[4].cycle = 24;
  CHECK_FALSE(check(log).has_value());
}

TEST_CASE("every ACT held back by tFAW in a controller log is caught one cycle earlier",
          "[dram][checker]") {
  int mutated = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const std::vector<Command> log = saturating_random_log(seed, 0.0);
    std::vector<Cycle> acts;
    for (std::size_t i = 0; i < log.size() && mutated < 30 * static_cast<int>(seed); ++i) {
      if (log[i].kind != CommandKind::ACT) continue;
      const bool tight = acts.size() >= 4 && log[i].cycle == acts[acts.size() - 4] + kT.tFAW &&
                         log[i - 1].cycle < log[i].cycle - 1;
      acts.push_back(log[i].cycle);
      if (!tight) continue;
      const auto v = check(moved_earlier(log, i));
      INFO("command " << i << ": " << to_string(log[i]));
      REQUIRE(v.has_value());
      CHECK(v->index == i);
      CHECK(v->required == log[i].cycle);
      ++mutated;
    }
  }
  CHECK(mutated > 20);
}

TEST_CASE("an ACT before its bank's auto-precharge has finished is caught", "[dram][checker]") {
  // WRA at 117 precharges at 160; the next ACT is legal at 160 + tRP = 186.
  std::vector<Command> log =
      controller_log({write(1, 100, 0, 2, 4), write(2, 101, 0, 2, 5)}, PagePolicy::closed);
  REQUIRE_FALSE(check(log).has_value());
  REQUIRE(log.size() == 4);
  REQUIRE(log[2].kind == CommandKind::ACT);
  REQUIRE(log[2].cycle == 186);
  log[2].cycle = 185;
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 2);
  CHECK_THAT(v->rule, Contains("tRP"));
  CHECK(v->required == 186);
  CHECK_THAT(v->message, Contains("auto-precharge at cycle 160"));
}

TEST_CASE("an RDA's auto-precharge waits for an earlier write's recovery", "[dram][checker]") {
  // ACT 102, WR 117, RDA 137 to the same row: tRTP alone would precharge at 146, but the WR
  // holds the bank until 117 + CWL + tBL + tWR = 160, so row 5 may open at 186, not 172.
  std::vector<Command> log = {command(102, CommandKind::ACT, 0, 2, 4),
                              command(117, CommandKind::WR, 0, 2, 4),
                              command(137, CommandKind::RDA, 0, 2, 4),
                              command(186, CommandKind::ACT, 0, 2, 5)};
  REQUIRE_FALSE(check(log).has_value());
  log[3].cycle = 185;
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 3);
  CHECK_THAT(v->rule, Contains("tRP"));
  CHECK(v->required == 186);
}

TEST_CASE("a RD to a closed bank is caught", "[dram][checker]") {
  std::vector<Command> log = controller_log({read(1, 100, 1, 2, 9), read(2, 300, 1, 2, 10)});
  // Drop the ACT that reopened the bank: the RD now finds it closed.
  REQUIRE(log[3].kind == CommandKind::ACT);
  log.erase(log.begin() + 3);
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 3);
  CHECK(v->rule == "row open");
  CHECK_THAT(v->message, Contains("closed"));
}

TEST_CASE("a RD to a row other than the open one is caught", "[dram][checker]") {
  std::vector<Command> log = controller_log({read(1, 100, 1, 2, 9)});
  log[1].row = 8;
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->rule == "row open");
  CHECK_THAT(v->message, Contains("open at row 9"));
}

TEST_CASE("a read too soon after a write to the same bank group is caught", "[dram][checker]") {
  std::vector<Command> log = controller_log(
      {read(0, 0, 3, 0, 1), read(1, 1, 3, 1, 2), write(2, 400, 3, 0, 1), read(3, 404, 3, 1, 2)});
  REQUIRE_FALSE(check(log).has_value());
  const Command last = log.back();
  REQUIRE(last.kind == CommandKind::RD);
  log.back().cycle = last.cycle - 1;
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK_THAT(v->rule, Contains("tWTR_L"));
  CHECK(v->required == last.cycle);
}

TEST_CASE("refresh to an open bank is caught", "[dram][checker]") {
  const std::vector<Command> per_bank = {command(10, CommandKind::ACT, 0, 0, 3),
                                         command(500, CommandKind::REFpb, 0, 0)};
  auto v = check(per_bank);
  REQUIRE(v.has_value());
  CHECK(v->index == 1);
  CHECK(v->rule == "bank closed");

  const std::vector<Command> all_bank = {command(10, CommandKind::ACT, 2, 1, 3),
                                         command(500, CommandKind::REFab, 0, 0)};
  v = check(all_bank);
  REQUIRE(v.has_value());
  CHECK(v->rule == "bank closed");
  CHECK_THAT(v->message, Contains("bank group 2 bank 1"));
}

TEST_CASE("refreshes too close together are caught", "[dram][checker]") {
  const std::vector<Command> log = {command(400, CommandKind::REFpb, 0, 0),
                                    command(405, CommandKind::REFpb, 0, 1),
                                    command(420, CommandKind::ACT, 0, 0, 1)};
  auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 1);
  CHECK_THAT(v->rule, Contains("tRREFD"));
  CHECK(v->required == 408);
}

TEST_CASE("dropped refreshes break the refresh interval", "[dram][checker]") {
  StreamSpec spec;
  spec.count = 4000;
  spec.mean_gap = 8;
  spec.write_fraction = 0.3;
  SECTION("per-bank: every REFpb of one bank removed") {
    std::vector<Command> log =
        controller_log(make_stream(kOrg, spec), PagePolicy::open, RefreshMode::per_bank);
    REQUIRE_FALSE(check(log, RefreshMode::per_bank).has_value());
    log.erase(std::remove_if(log.begin(), log.end(),
                             [](const Command& c) {
                               return c.kind == CommandKind::REFpb && c.bank_group == 1 &&
                                      c.bank == 1;
                             }),
              log.end());
    const auto v = check(log, RefreshMode::per_bank);
    REQUIRE(v.has_value());
    CHECK(v->rule == "refresh interval");
    CHECK(v->required == refresh_interval_bound(kOrg, kT));
    CHECK_THAT(v->message, Contains("bank group 1 bank 1"));
  }
  SECTION("all-bank: one REFab removed") {
    std::vector<Command> log =
        controller_log(make_stream(kOrg, spec), PagePolicy::open, RefreshMode::all_bank);
    REQUIRE_FALSE(check(log, RefreshMode::all_bank).has_value());
    std::vector<std::size_t> refreshes;
    for (std::size_t i = 0; i < log.size(); ++i) {
      if (log[i].kind == CommandKind::REFab) refreshes.push_back(i);
    }
    REQUIRE(refreshes.size() >= 3);
    const Cycle before = log[refreshes[0]].cycle;
    log.erase(log.begin() + static_cast<std::ptrdiff_t>(refreshes[1]));
    const auto v = check(log, RefreshMode::all_bank);
    REQUIRE(v.has_value());
    CHECK(v->rule == "refresh interval");
    CHECK(v->required == before + refresh_interval_bound(kOrg, kT));
  }
}

TEST_CASE("two commands in one cycle are caught", "[dram][checker]") {
  std::vector<Command> log = saturating_random_log(7, 0.5);
  REQUIRE(log.size() > 100);
  log[100].cycle = log[99].cycle;
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->index == 100);
  CHECK_THAT(v->rule, Contains("one command per cycle"));
  CHECK(v->required == log[99].cycle + 1);
}

TEST_CASE("a command outside the organisation is caught", "[dram][checker]") {
  const std::vector<Command> log = {command(10, CommandKind::ACT, 4, 0, 3)};
  const auto v = check(log);
  REQUIRE(v.has_value());
  CHECK(v->rule == "address");
}
