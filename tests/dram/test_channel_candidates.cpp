// The pass that chooses a command reads the banks' bounds as 16-bit offsets from an epoch,
// eight banks at a time (channel_candidates.h). These tests hold it, and the scalar pass, to
// a plain computation on the 64-bit cycles over random candidate sets, check what happens to
// cycles too far ahead for 16 bits, and run the controller across many epochs.
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

// A random candidate set over `banks` banks at cycle t, and the ready cycle of each candidate
// worked out on 64-bit cycles: the latest of its own bound and the two group parts of its
// kind. Each part is at or before t or up to `spread` cycles after it; some banks have no
// candidate, some are held (own part never); priorities are distinct.
struct RandomSet {
  QueueCandidates c{CandidateKind::read};
  std::vector<Cycle> ready;
};

RandomSet random_set(std::mt19937_64& rng, int banks, Cycle epoch, Cycle t, Cycle spread) {
  RandomSet set;
  QueueCandidates& c = set.c;
  c.epoch = epoch;
  const auto part = [&] {
    return rng() % 3 == 0 ? t - rng() % (t - epoch + 1) : t + 1 + rng() % spread;
  };
  const Cycle column_any = part();
  const Cycle act_any = part();
  c.column_any = c.offset(column_any);
  c.act_any = c.offset(act_any);
  const CandidateKind kinds[] = {CandidateKind::read, CandidateKind::pre, CandidateKind::act,
                                 CandidateKind::none};
  for (int b = 0; b < banks; ++b) {
    const CandidateKind k = kinds[rng() % 4];
    const Cycle own = k == CandidateKind::none || rng() % 8 == 0 ? kNeverCycle : part();
    const Cycle column_group = part();
    const Cycle act_group = part();
    c.kind[b] = k;
    c.priority[b] = k == CandidateKind::none ? QueueCandidates::kNone
                                             : QueueCandidates::priority_of(k, rng() % 1000, b);
    c.own[b] = c.offset(own);
    c.column_group[b] = c.offset(column_group);
    c.act_group[b] = c.offset(act_group);
    c.is_column[b] = static_cast<std::int16_t>(k == CandidateKind::read ? -1 : 0);
    c.is_act[b] = static_cast<std::int16_t>(k == CandidateKind::act ? -1 : 0);
    Cycle group = 0;
    if (k == CandidateKind::read) group = std::max(column_group, column_any);
    if (k == CandidateKind::act) group = std::max(act_group, act_any);
    set.ready.push_back(own == kNeverCycle ? kNeverCycle : std::max(own, group));
  }
  return set;
}

// What the passes report for a cycle: the cycle itself, or the epoch plus the largest offset
// kept when it lies further ahead.
Cycle as_offsets_see_it(Cycle cycle, Cycle epoch) {
  if (cycle == kNeverCycle) return cycle;
  return std::min(cycle, epoch + static_cast<Cycle>(QueueCandidates::kFar16));
}

}  // namespace

TEST_CASE(
    "the vector and scalar passes find the best legal candidate, the legal banks, their kinds "
    "and count, the "
    "earliest cycle and the first ready cycle of the 64-bit cycles",
    "[dram][candidates]") {
  std::mt19937_64 rng(11);
  // Within 5,000 cycles of t every offset is exact; within 100,000 some are clamped.
  for (const Cycle spread : {5000, 100'000}) {
    for (const int banks : {1, 4, 6, 13, 16, 32, 48, 64}) {
      for (int round = 0; round < 1000; ++round) {
        const Cycle epoch = rng() % 1'000'000'000;
        const Cycle t = epoch + rng() % (QueueCandidates::kRebaseAfter - 1);
        const RandomSet set = random_set(rng, banks, epoch, t, spread);
        struct {
          std::uint64_t best = QueueCandidates::kNone;
          Cycle earliest = kNeverCycle;
          int legal = 0;
        } expected;
        int legal = 0;
        std::uint64_t legal_banks = 0;
        std::uint64_t legal_columns = 0;
        std::uint64_t legal_acts = 0;
        Cycle first = kNeverCycle;
        for (int b = 0; b < banks; ++b) {
          const Cycle r = set.ready[static_cast<std::size_t>(b)];
          first = std::min(first, r);
          if (r <= t) {
            ++legal;
            legal_banks |= std::uint64_t{1} << b;
            if (set.c.kind[b] == CandidateKind::read) legal_columns |= std::uint64_t{1} << b;
            if (set.c.kind[b] == CandidateKind::act) legal_acts |= std::uint64_t{1} << b;
            expected.best = std::min(expected.best, set.c.priority[b]);
          } else {
            expected.earliest = std::min(expected.earliest, r);
          }
        }
        expected.legal = std::min(legal, 2);
        INFO("spread " << spread << ", banks " << banks << ", round " << round);
        for (const QueueCandidates::Scan& scan :
             {set.c.scan_vector(t, banks), set.c.scan_scalar(t, banks)}) {
          REQUIRE(scan.best == expected.best);
          REQUIRE(std::min(__builtin_popcountll(scan.legal_banks), 2) == expected.legal);
          REQUIRE(scan.legal_banks == legal_banks);
          REQUIRE(scan.legal_columns == legal_columns);
          REQUIRE(scan.legal_acts == legal_acts);
          if (expected.legal < 2) {
            REQUIRE(scan.earliest == as_offsets_see_it(expected.earliest, epoch));
          }
        }
        REQUIRE(set.c.first_ready_vector(banks) == as_offsets_see_it(first, epoch));
        REQUIRE(set.c.first_ready_scalar(banks) == as_offsets_see_it(first, epoch));
      }
    }
  }
}

TEST_CASE(
    "a ready cycle beyond 16 bits of the epoch is never legal and bounds the earliest "
    "cycle from below",
    "[dram][candidates]") {
  QueueCandidates c(CandidateKind::read);
  c.epoch = 1000;
  CHECK(c.offset(999) == 0);
  CHECK(c.offset(kNeverCycle) == QueueCandidates::kNever16);
  const Cycle far = 1000 + (Cycle{1} << 40);
  c.kind[0] = CandidateKind::pre;
  c.priority[0] = QueueCandidates::priority_of(CandidateKind::pre, 5, 0);
  c.own[0] = c.offset(far);
  CHECK(c.own[0] == QueueCandidates::kFar16);
  const QueueCandidates::Scan scan = c.scan(2000, 4);
  CHECK(scan.best == QueueCandidates::kNone);
  CHECK(scan.legal_banks == 0);
  CHECK(scan.earliest <= far);
  CHECK(scan.earliest > 2000);
  // With the epoch near it, the pass sees the exact cycle again.
  c.epoch = far - 10;
  c.own[0] = c.offset(far);
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

TEST_CASE(
    "a candidate's priority puts column commands first, then the older request, and names "
    "its kind and bank",
    "[dram][candidates]") {
  const std::uint64_t column = QueueCandidates::priority_of(CandidateKind::write, 900, 7);
  const std::uint64_t act = QueueCandidates::priority_of(CandidateKind::act, 5, 63);
  const std::uint64_t pre = QueueCandidates::priority_of(CandidateKind::pre, 6, 0);
  CHECK(column < act);
  CHECK(act < pre);
  CHECK(QueueCandidates::priority_of(CandidateKind::read, std::uint64_t{1} << 53, 0) <
        QueueCandidates::priority_of(CandidateKind::act, 0, 0));
  CHECK(QueueCandidates::kind_of(column) == CandidateKind::write);
  CHECK(QueueCandidates::bank_of(column) == 7);
  CHECK(QueueCandidates::kind_of(act) == CandidateKind::act);
  CHECK(QueueCandidates::bank_of(act) == 63);
  CHECK(QueueCandidates::kind_of(pre) == CandidateKind::pre);
  CHECK(QueueCandidates::bank_of(pre) == 0);
}
