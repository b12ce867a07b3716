// The pass that chooses a command reads the banks' ready cycles as 16-bit offsets from an
// epoch, eight at a time (channel_candidates.h). These tests hold it to the plain pass over
// the 64-bit cycles on random candidate sets, check what happens to cycles too far ahead for
// 16 bits, and run the controller across many epochs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "models/mem/dram/channel_candidates.h"
#include "models/mem/dram/channel_sim.h"
#include "models/mem/dram/hbm3_reference.h"
#include "tests/dram/channel_test_util.h"

using namespace axsim::mem;
using namespace axsim::mem::test;

namespace {

// A random candidate set over `banks` banks at cycle t: some banks never ready, some ready
// at or before t, the rest up to `spread` cycles ahead; distinct priorities.
QueueCandidates random_candidates(std::mt19937_64& rng, int banks, Cycle epoch, Cycle t,
                                  Cycle spread) {
  QueueCandidates c;
  c.rebase(epoch);
  for (int b = 0; b < banks; ++b) {
    const auto roll = rng() % 8;
    Cycle ready = kNeverCycle;
    if (roll == 1) {
      ready = t - rng() % (t - epoch + 1);  // legal
    } else if (roll > 1) {
      ready = t + 1 + rng() % spread;
    }
    c.set_ready(b, ready);
    c.priority[b] = (rng() % 1000) << QueueCandidates::kBankBits | static_cast<std::uint64_t>(b);
  }
  return c;
}

// What the vector pass reports for a cycle: the cycle itself, or the epoch plus the largest
// offset kept when it lies further ahead.
Cycle as_offsets_see_it(Cycle cycle, Cycle epoch) {
  if (cycle == kNeverCycle) return cycle;
  return std::min(cycle, epoch + static_cast<Cycle>(QueueCandidates::kFar16));
}

}  // namespace

TEST_CASE(
    "the vector pass finds the best legal candidate, the legal count, the earliest cycle "
    "and the first ready cycle the scalar pass finds",
    "[dram][candidates]") {
  std::mt19937_64 rng(11);
  // Within 5,000 cycles of t every offset is exact; within 100,000 some are clamped.
  for (const Cycle spread : {5000, 100'000}) {
    for (const int banks : {1, 4, 6, 13, 16, 32, 48, 64}) {
      for (int round = 0; round < 1000; ++round) {
        const Cycle epoch = rng() % 1'000'000'000;
        const Cycle t = epoch + rng() % (QueueCandidates::kRebaseAfter - 1);
        const QueueCandidates c = random_candidates(rng, banks, epoch, t, spread);
        const QueueCandidates::Scan scalar = c.scan_scalar(t, banks);
        const QueueCandidates::Scan vector = c.scan_vector(t, banks);
        INFO("spread " << spread << ", banks " << banks << ", round " << round);
        REQUIRE(vector.best == scalar.best);
        REQUIRE(vector.legal == scalar.legal);
        if (scalar.legal < 2) REQUIRE(vector.earliest == as_offsets_see_it(scalar.earliest, epoch));
        const Cycle first = *std::min_element(c.ready.begin(), c.ready.begin() + banks);
        REQUIRE(c.first_ready(banks) == as_offsets_see_it(first, epoch));
      }
    }
  }
}

TEST_CASE(
    "a ready cycle beyond 16 bits of the epoch is never legal and bounds the earliest "
    "cycle from below",
    "[dram][candidates]") {
  QueueCandidates c;
  c.rebase(1000);
  const Cycle far = 1000 + (Cycle{1} << 40);
  c.set_ready(0, far);
  c.priority[0] = 5 << QueueCandidates::kBankBits;
  const QueueCandidates::Scan scan = c.scan(2000, 4);
  CHECK(scan.best == QueueCandidates::kNone);
  CHECK(scan.legal == 0);
  CHECK(scan.earliest <= far);
  CHECK(scan.earliest > 2000);
  // After moving the epoch near it, the pass sees the exact cycle again.
  c.rebase(far - 10);
  CHECK(c.scan(far - 5, 4).earliest == far);
  CHECK(c.scan(far, 4).best == c.priority[0]);
}

TEST_CASE("requests billions of cycles apart each take the unloaded latency",
          "[dram][candidates]") {
  const DramTiming t = hbm3_timing();
  std::vector<ChannelRequest> requests;
  const Cycle gap = Cycle{3} << 30;  // far more than an epoch between requests
  for (std::uint64_t i = 0; i < 4; ++i) {
    requests.push_back(read(i, 100 + i * gap, static_cast<int>(i % 4), 1, 77 + i, 5));
  }
  const ChannelReplay replay = replay_channel(
      hbm3_org(), t, controller_config(PagePolicy::closed, RefreshMode::none), requests);
  REQUIRE(replay.completions.size() == requests.size());
  for (const Completion& c : replay.completions) {
    CHECK(c.cycle == requests[c.request_id].arrival + 1 + t.tRCDRD + t.CL + t.tBL);
  }
}
