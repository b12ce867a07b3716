// The statistics the detailed controller books, taken from the fast scheduler's walk: the
// oldest request's wait for its row, the cycles a queued request waited on a refresh, and the
// requests queued (docs/memory.md, "Conflicts, stalls and queue occupancy in fast mode").
#include "models/mem/dram/fast_unit_scheduler.h"

namespace axsim::mem::fast {

// The cycles a visit whose row opens at `act` kept the oldest request of the queue being
// served waiting for its row. Its first request is the oldest from the cycle after every
// older request of its direction was served (and it entered, and the turn began); until the
// ACT its row is not open. A visit served ahead of an older one was not the oldest: the older
// one's wait covers that time when it is served.
double UnitScheduler::oldest_wait(const Visit& v, Tick act) const {
  const Stream& s = streams_[v.run.is_write ? 1 : 0];
  if (s.frontier != v.position) return 0;
  const Tick before = v.position == 0 ? start_ - 1 : s.frontier_last;
  const Tick oldest = std::max({before + 1, *v.accepted + 1, turn_start_});
  return static_cast<double>(std::max<Tick>(0, act + 1 - oldest));
}

// Cycles up to `end` during which some request in the queue being served waited on a bank
// that a refresh held (pending) or occupied (tRFCpb / tRFC): per refresh, the cycles its bank
// had a request queued in the direction whose turn it was, united over the banks.
double UnitScheduler::refresh_stall(Tick end) const {
  if (refreshes_.empty()) return 0;
  std::vector<std::vector<Interval>> queued(static_cast<std::size_t>(banks_));
  for (const Interval& p : presence_) queued[static_cast<std::size_t>(p.bank)].push_back(p);
  // Visits still waiting when the schedule stops are queued until then.
  for (const Stream& s : streams_) {
    for (const Visit& v : s.queued_visits) {
      if (!v.accepted || *v.accepted >= end) continue;
      queued[static_cast<std::size_t>(v.bank_index(banks_per_group_))].push_back(
          {v.bank_index(banks_per_group_), v.run.is_write, *v.accepted + 1, end});
    }
  }
  std::vector<std::pair<Tick, Tick>> stalled;  // [from, to)
  for (const Interval& r : refreshes_) {
    for (const Interval& p : queued[static_cast<std::size_t>(r.bank)]) {
      const Tick from = std::max({r.from, p.from, start_});
      const Tick to = std::min({r.to, p.to, end}) + 1;
      if (from >= to) continue;
      // Only while the visit's direction is the one being served.
      auto turn = std::upper_bound(turns_.begin(), turns_.end(), std::make_pair(from, true));
      if (turn != turns_.begin()) --turn;
      for (; turn != turns_.end() && turn->first < to; ++turn) {
        if (turn->second != p.is_write) continue;
        const Tick turn_end = turn + 1 != turns_.end() ? (turn + 1)->first : to;
        const Tick a = std::max(from, turn->first);
        const Tick b = std::min(to, turn_end);
        if (a < b) stalled.emplace_back(a, b);
      }
    }
  }
  std::sort(stalled.begin(), stalled.end());
  double cycles = 0;
  Tick covered = kNever;
  for (const auto& [from, to] : stalled) {
    const Tick a = std::max(from, covered);
    if (to > a) cycles += static_cast<double>(to - a);
    covered = std::max(covered, to);
  }
  return cycles;
}

// Requests queued (both queues), summed over the cycles (from, to]. A request counts from the
// cycle after it entered its queue to the cycle of its column command, as book() counts it,
// so the queue at cycle t holds the requests entered before t less those served before t,
// and the sum over the window is, whichever request a column serves,
//   sum over entries e of (to - clamp(e)) - sum over columns c of (to - clamp(c)),
// with clamp to [from, to].
double UnitScheduler::queued_between(Tick from, Tick to) const {
  const auto after = [&](Tick x) { return static_cast<double>(to - std::clamp(x, from, to)); };
  double cycles = 0;
  for (const Stream& s : streams_) {
    for (const Tick e : s.accepted) cycles += after(e);
  }
  for (const Phases& phases : served_columns_) {
    for (const Phase& p : phases) {
      for (std::int64_t i = 0; i < p.count; ++i) cycles -= after(p.start + i * p.spacing);
    }
  }
  return cycles;
}

}  // namespace axsim::mem::fast
