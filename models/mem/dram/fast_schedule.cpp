// The fast model's timing of one controller: the scheduler (fast_unit_scheduler.h) walks the
// stream visit by visit over a bounded prefix, measures the rate it settles to, and extends
// that rate over the rest, so the cost does not grow with the transfer.
#include "models/mem/dram/fast_schedule.h"

#include "models/mem/dram/fast_unit_scheduler.h"

namespace axsim::mem {
namespace fast {

UnitTiming UnitScheduler::run(const SteadyState* known) {
  const Tick refresh_cycle = spec_.controller.refresh == RefreshMode::none ? 0 : t_.tREFI;
  const Tick horizon = start_ + (known ? refresh_cycle / 4 : 2 * refresh_cycle);
  const std::size_t visits_without_refresh = known ? kVisitsWithoutRefresh / 4 : kVisitsWithoutRefresh;
  std::size_t visits = 0;
  for (;;) {
    fill(streams_[0]);
    fill(streams_[1]);
    if (streams_[0].queued_visits.empty() && streams_[1].queued_visits.empty()) break;
    const bool steady = refresh_cycle > 0 ? !progress_.empty() && progress_.back().first >= horizon
                                          : visits >= visits_without_refresh;
    if (steady) break;

    Stream& active = streams_[writing_ ? 1 : 0];
    Stream& other = streams_[writing_ ? 0 : 1];
    const Tick last_any = std::max(active.last_column, other.last_column);
    // The candidates: visits of the direction being served whose first request has entered
    // the queue; per bank the oldest, plus any that hit the bank's open row.
    std::size_t best = active.queued_visits.size();
    Plan best_plan;
    std::pair<Tick, std::int64_t> best_key{0, 0};
    std::vector<int>& seen = seen_;
    // No column can come sooner than this after the last one of its direction: a candidate
    // that makes it cannot be beaten by a younger one (ties go to the older).
    std::optional<Tick> soonest;
    if (!served_.empty() && served_.back().run.is_write == writing_) {
      const Visit& previous = served_.back();
      soonest = previous.bursts == 1 ? previous.last() + tccd_s_ : previous.first();
    }
    bool settled = false;
    // First only the visits that could make the soonest slot, which in a steady stream is
    // almost always one near the front; then, if none does, every visit.
    for (const bool only_soonest : {true, false}) {
      if (settled || (only_soonest && !soonest)) continue;
      best = active.queued_visits.size();
      seen.clear();
      for (std::size_t i = 0; i < active.queued_visits.size() && !settled; ++i) {
        Visit& v = active.queued_visits[i];
        const int index = v.bank_index(banks_per_group_);
        const BankTimes& bank = bank_[static_cast<std::size_t>(index)];
        const bool hit = bank.open && bank.row == v.run.row;
        const bool bank_seen = std::find(seen.begin(), seen.end(), index) != seen.end();
        if (bank_seen && !hit) continue;
        if (!bank_seen) seen.push_back(index);
        if (!entry(v)) break;
        // A visit that cannot start before the best so far is not planned (ties go to the
        // older).
        const Tick bound = std::max({*v.accepted + 1, turn_start_, v.min_act, bank.refresh_end}) +
                           (hit ? 0 : rcd(v));
        if (only_soonest && bound > *soonest) continue;
        if (best != active.queued_visits.size() && bound >= best_key.first) continue;
        const Plan p = plan(v);
        const std::pair<Tick, std::int64_t> key{column_start(v, p.ready), v.position};
        if (best == active.queued_visits.size() || key < best_key) {
          best = i;
          best_plan = p;
          best_key = key;
          settled = soonest && key.first <= *soonest;
        }
      }
    }
    if (best == active.queued_visits.size()) {
      // Nothing of this direction is waiting: the controller turns to the other one.
      if (other.queued_visits.empty()) break;
      switch_direction(std::max(turn_start_, last_any + 1));
      continue;
    }
    if (copying() && !writing_ && other.served < other.share) {
      const std::optional<Tick> limit = read_turn_end();
      if (limit && best_key.first > *limit) {
        switch_direction(*limit + 1);
        continue;
      }
    }
    Visit chosen = std::move(active.queued_visits[best]);
    active.queued_visits.erase(active.queued_visits.begin() + static_cast<std::ptrdiff_t>(best));
    std::optional<Visit> rest = process(chosen, best_plan);
    ++visits;
    if (rest) {
      Stream& s = stream_of(*rest);
      auto at = std::find_if(s.queued_visits.begin(), s.queued_visits.end(),
                             [&](const Visit& v) { return v.position > rest->position; });
      s.queued_visits.insert(at, std::move(*rest));
    }
  }

  UnitTiming timing;
  if (progress_.empty()) return timing;
  std::sort(progress_.begin(), progress_.end());
  const Tick scheduled_end = progress_.back().first;
  timing.first_data =
      static_cast<Cycle>(first_column_ + t_.tBL + (first_is_write_ ? t_.CWL : t_.CL));
  // The last data: a read's CL after its column, a write's CWL.
  Tick finish = std::max(streams_[0].last_column + t_.CL, streams_[1].last_column + t_.CWL);

  // Extend over the bursts not scheduled at the rate of the steady state: the known one, or
  // the one measured over the refresh cycle after the first (the second half of the visits
  // without refresh).
  const std::int64_t total = streams_[0].share + streams_[1].share;
  const std::int64_t left = total - processed_bursts_;
  double activates = activates_;
  double misses = misses_;
  double conflicts = conflicts_;
  double conflict_stall = conflict_stall_;
  const double refresh_stall_scheduled = refresh_stall(scheduled_end);
  double refresh_stall = refresh_stall_scheduled;
  double queued = queued_between(start_ - 1, scheduled_end);
  Tick last_column = scheduled_end;
  if (known == nullptr && progress_.size() >= 2) {
    const Tick from = refresh_cycle > 0 && scheduled_end >= horizon
                          ? start_ + refresh_cycle
                          : progress_[progress_.size() / 2].first;
    std::int64_t moved = 0;
    for (const auto& [cycle, bursts] : progress_) {
      if (cycle > from) moved += bursts;
    }
    if (scheduled_end > from && moved > 0 && left > 0) {
      const double bursts = static_cast<double>(processed_bursts_);
      // Rows are opened at the prefix's rate, but which of them found their bank closed is
      // the steady state's: once the first sweep has opened the banks only a refresh closes
      // one again (a stream shorter than the sweep's period sees no conflict in its prefix
      // that its extension would). So the misses are the measurement window's, the rest of
      // the rows opened conflicts.
      const double misses_measured =
          static_cast<double>(std::count_if(miss_acts_.begin(), miss_acts_.end(),
                                            [&](Tick act) { return act > from; })) /
          static_cast<double>(moved);
      const double opened = (misses_ + conflicts_) / bursts;
      const double misses_steady = std::min(misses_measured, opened);
      timing.measured = SteadyState{static_cast<double>(scheduled_end - from) / static_cast<double>(moved),
                                    activates_ / bursts, misses_steady, opened - misses_steady,
                                    conflict_stall_ / bursts, refresh_stall_scheduled / bursts,
                                    queued_between(from, scheduled_end) /
                                        static_cast<double>(scheduled_end - from)};
    }
  }
  const SteadyState* rate = known != nullptr ? known : (timing.measured ? &*timing.measured : nullptr);
  if (left > 0 && rate != nullptr) {
    // The tail is whichever direction the stream ends with: a copy drains its writes.
    finish = scheduled_end + static_cast<Tick>(static_cast<double>(left) * rate->cycles_per_burst) +
             (streams_[1].share > 0 ? t_.CWL : t_.CL);
    activates += static_cast<double>(left) * rate->activates_per_burst;
    misses += static_cast<double>(left) * rate->misses_per_burst;
    conflicts += static_cast<double>(left) * rate->conflicts_per_burst;
    conflict_stall += static_cast<double>(left) * rate->conflict_stall_per_burst;
    refresh_stall += static_cast<double>(left) * rate->refresh_stall_per_burst;
    // Every burst was offered at the start, so past the schedule the queues hold
    // min(Q, bursts not yet served), Q what they held in the steady state (the depth of a
    // one-direction stream's queue; less in a copy, whose write queue swings between
    // write_low and write_high). The r = left bursts go out one every c cycles over the
    // extension's L = r c, so the queues hold Q until Q are left and then drain:
    // L Q - c Q^2 / 2 request-cycles (L r / 2 when r <= Q).
    const double extension = static_cast<double>(left) * rate->cycles_per_burst;
    const double r = static_cast<double>(left);
    const double q = std::min(rate->queued, r);
    queued += extension * q - rate->cycles_per_burst * q * q / 2;
    last_column = scheduled_end + static_cast<Tick>(extension);
  }
  timing.finish = static_cast<Cycle>(finish + t_.tBL);
  timing.activates = activates;
  timing.misses = misses;
  timing.conflicts = conflicts;
  timing.conflict_stall_cycles = conflict_stall;
  timing.refresh_stall_cycles = refresh_stall;
  timing.queued_cycles = queued;
  // The detailed controller runs until its queues are empty: the cycle after its last column.
  timing.busy_cycles = static_cast<double>(last_column + 1 - start_);
  if (refresh_interval_ > 0) {
    timing.refreshes =
        static_cast<double>(finish - start_) / static_cast<double>(refresh_interval_);
  }
  return timing;
}

}  // namespace fast

UnitTiming schedule_unit(const DramSpec& spec, Cycle start, RunSource& reads,
                         std::uint64_t read_bursts, RunSource& writes, std::uint64_t write_bursts,
                         const SteadyState* known) {
  fast::UnitScheduler scheduler(spec, start, reads, read_bursts, writes, write_bursts);
  return scheduler.run(known);
}

}  // namespace axsim::mem
