#include "models/mem/dram/fast_unit_scheduler.h"

namespace axsim::mem::fast {

UnitScheduler::UnitScheduler(const DramSpec& spec, Cycle start, RunSource& reads,
                             std::uint64_t read_bursts, RunSource& writes,
                             std::uint64_t write_bursts)
    : spec_(spec),
      t_(spec.timing),
      start_(static_cast<Tick>(start)),
      banks_per_group_(spec.organization.banks_per_group),
      banks_(spec.organization.banks()),
      tccd_s_(std::max(spec.timing.tBL, spec.timing.tCCD_S)),
      tccd_l_(std::max(spec.timing.tBL, spec.timing.tCCD_L)),
      pair_(std::max(2 * tccd_s_, tccd_l_)),
      bank_(static_cast<std::size_t>(banks_)) {
  streams_[0].source = &reads;
  streams_[0].share = static_cast<std::int64_t>(read_bursts);
  streams_[0].depth = spec.controller.read_queue;
  streams_[1].source = &writes;
  streams_[1].share = static_cast<std::int64_t>(write_bursts);
  streams_[1].depth = spec.controller.write_queue;
  streams_[1].is_write = true;
  // The controller starts reading; with only writes waiting it turns to them on the count it
  // sees the cycle after the first arrives.
  writing_ = read_bursts == 0;
  turn_start_ = writing_ ? start_ + 2 : start_;
  turns_.emplace_back(turn_start_, writing_);

  const RefreshMode mode = spec.controller.refresh;
  if (mode == RefreshMode::per_bank) refresh_interval_ = t_.tREFI / banks_;
  if (mode == RefreshMode::all_bank) refresh_interval_ = t_.tREFI;
  // Refreshes before the start are over or still running; the banks start closed.
  const Tick cycle = mode == RefreshMode::per_bank ? refresh_interval_ * banks_ : t_.tREFI;
  const Tick busy = mode == RefreshMode::per_bank ? t_.tRFCpb : t_.tRFC;
  for (int b = 0; b < banks_ && refresh_interval_ > 0; ++b) {
    const Tick previous = *next_refresh(b, start_ + 1) - cycle;
    if (previous <= 0) continue;
    bank_[static_cast<std::size_t>(b)].refresh_seen = previous;
    bank_[static_cast<std::size_t>(b)].refresh_end = previous + busy;
  }
}

std::optional<Tick> UnitScheduler::next_refresh(int bank, Tick at_or_after) const {
  if (refresh_interval_ == 0) return std::nullopt;
  if (spec_.controller.refresh == RefreshMode::all_bank) {
    return std::max<Tick>(1, ceil_div(at_or_after, refresh_interval_)) * refresh_interval_;
  }
  // Refresh k (k = 1, 2, ...) is pending at k * interval for bank (k - 1) mod banks.
  const Tick first = (bank + 1) * refresh_interval_;
  const Tick period = banks_ * refresh_interval_;
  const Tick m = std::max<Tick>(0, ceil_div(at_or_after - first, period));
  return first + m * period;
}

Tick UnitScheduler::pre_ready(const BankTimes& bank, Tick t) const {
  if (!bank.open) return t;
  const Tick recovery = bank.last_write ? t_.CWL + t_.tBL + t_.tWR : t_.tRTP;
  return std::max({t, bank.last_act + t_.tRAS, bank.last_column + recovery});
}

Tick UnitScheduler::refresh(int index, Tick pending) {
  BankTimes& bank = bank_[static_cast<std::size_t>(index)];
  Tick t = pending;
  if (bank.open) t = pre_ready(bank, t) + t_.tRP;
  t = std::max(t, bank.last_act + t_.tRC);
  const Tick busy = spec_.controller.refresh == RefreshMode::per_bank ? t_.tRFCpb : t_.tRFC;
  bank.open = false;
  bank.refresh_end = t + busy;
  bank.refresh_seen = pending;
  // The bank is held from the refresh's pending cycle until it is over.
  refreshes_.push_back({index, false, pending, bank.refresh_end - 1});
  return bank.refresh_end;
}

Tick UnitScheduler::catch_up_refresh(int index, Tick t) {
  const BankTimes& bank = bank_[static_cast<std::size_t>(index)];
  std::optional<Tick> pending = next_refresh(index, std::max(bank.last_act, bank.refresh_seen) + 1);
  while (pending && *pending <= t) {
    refresh(index, *pending);
    pending = next_refresh(index, *pending + 1);
  }
  return bank.refresh_end;
}

Tick UnitScheduler::act_slot(int group, Tick t) const {
  for (;;) {
    const Tick before = t;
    const auto end = std::upper_bound(acts_.begin(), acts_.end(), std::make_pair(t, banks_));
    const std::size_t n = static_cast<std::size_t>(end - acts_.begin());
    for (std::size_t i = n > 8 ? n - 8 : 0; i < n; ++i) {
      t = std::max(t, acts_[i].first + (acts_[i].second == group ? t_.tRRD_L : t_.tRRD_S));
    }
    if (n >= 4) t = std::max(t, acts_[n - 4].first + t_.tFAW);
    if (t == before) return t;
  }
}

// A copy's requests arrive read, write, read, write, ...; whatever one direction has beyond
// the other's share follows at the end.
std::int64_t UnitScheduler::combined_position(int stream, std::int64_t k) const {
  if (!copying()) return k;
  const std::int64_t both = std::min(streams_[0].share, streams_[1].share);
  return k < both ? 2 * k + stream : both + k;
}

int UnitScheduler::stream_at(std::int64_t position, std::int64_t& k) const {
  if (!copying()) {
    k = position;
    return streams_[0].share > 0 ? 0 : 1;
  }
  const std::int64_t both = std::min(streams_[0].share, streams_[1].share);
  if (position < 2 * both) {
    k = position / 2;
    return static_cast<int>(position % 2);
  }
  k = position - both;
  return streams_[0].share > both ? 0 : 1;
}

// The cycle the need-th request of the stream was served (its column command); those older
// than the stream's window count as served before anything that asks.
std::optional<Tick> UnitScheduler::served_time(const Stream& s, std::int64_t need) const {
  const std::int64_t k = need - s.columns_base;
  if (k <= 0) return start_ - 1;
  if (k > static_cast<std::int64_t>(s.columns.size())) return std::nullopt;
  return s.columns[static_cast<std::size_t>(k - 1)];
}

bool UnitScheduler::accept_through(int stream, std::int64_t k) {
  const std::int64_t target = combined_position(stream, k);
  while (static_cast<std::int64_t>(chain_.size()) <= target) {
    const std::int64_t position = static_cast<std::int64_t>(chain_.size());
    std::int64_t index = 0;
    Stream& s = streams_[static_cast<std::size_t>(stream_at(position, index))];
    Tick room = start_;
    if (index >= s.depth) {
      const std::optional<Tick> freed = served_time(s, index - s.depth + 1);
      if (!freed) return false;
      room = *freed + 1;  // the slot is free at the start of the next cycle
    }
    const Tick at = std::max({start_ + position, room, chain_.empty() ? start_ : chain_.back() + 1});
    chain_.push_back(at);
    s.accepted.push_back(at);
  }
  return true;
}

// Acceptances worked out from columns that were then taken back are worked out again.
void UnitScheduler::forget_acceptances_after(Tick t) {
  while (!chain_.empty() && chain_.back() > t) chain_.pop_back();
  for (Stream& s : streams_) {
    while (!s.accepted.empty() && s.accepted.back() > t) s.accepted.pop_back();
  }
}

std::optional<Tick> UnitScheduler::entry(Visit& v) {
  if (v.accepted) return v.accepted;
  const int stream = v.run.is_write ? 1 : 0;
  if (!accept_through(stream, v.position)) return std::nullopt;
  v.accepted = streams_[static_cast<std::size_t>(stream)].accepted[static_cast<std::size_t>(v.position)];
  return v.accepted;
}

void UnitScheduler::collect_columns(const Visit& v) {
  scratch_.clear();
  for (const Phase& p : v.phases) {
    for (std::int64_t i = 0; i < p.count; ++i) scratch_.push_back(p.start + i * p.spacing);
  }
  std::sort(scratch_.begin(), scratch_.end());
}

void UnitScheduler::add_columns(const Visit& v) {
  collect_columns(v);
  std::vector<Tick>& columns = stream_of(v).columns;
  const std::size_t middle = columns.size();
  columns.insert(columns.end(), scratch_.begin(), scratch_.end());
  std::inplace_merge(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(middle),
                     columns.end());
}

void UnitScheduler::remove_columns(const Visit& v) {
  collect_columns(v);
  std::vector<Tick>& columns = stream_of(v).columns;
  // One pass that keeps what is not among the visit's columns (each matched once).
  std::size_t kept = 0;
  std::size_t r = 0;
  for (const Tick t : columns) {
    while (r < scratch_.size() && scratch_[r] < t) ++r;
    if (r < scratch_.size() && scratch_[r] == t) {
      ++r;
      continue;
    }
    columns[kept++] = t;
  }
  columns.resize(kept);
}

// Only the last few queues' worth of columns is ever asked for.
void UnitScheduler::drop_served_columns(Stream& s) {
  const std::size_t keep = static_cast<std::size_t>(4 * s.depth);
  if (s.columns.size() <= 2 * keep) return;
  const std::size_t drop = s.columns.size() - keep;
  s.columns.erase(s.columns.begin(), s.columns.begin() + static_cast<std::ptrdiff_t>(drop));
  s.columns_base += static_cast<std::int64_t>(drop);
}

UnitScheduler::Plan UnitScheduler::plan(Visit& v) {
  const int index = v.bank_index(banks_per_group_);
  for (;;) {
    BankTimes& bank = bank_[static_cast<std::size_t>(index)];
    const Tick visible = *v.accepted + 1;
    Tick t = std::max({visible, turn_start_, v.min_act, bank.refresh_end});
    t = std::max(t, catch_up_refresh(index, t));
    Plan p;
    if (bank.open && bank.row == v.run.row) {
      p.ready = t;
      return p;
    }
    p.precharge = bank.open;
    if (bank.open) t = pre_ready(bank, t) + t_.tRP;
    t = std::max(t, bank.last_act + t_.tRC);
    t = act_slot(v.run.bank_group, t);
    // A refresh that becomes pending before the ACT takes the bank first.
    const std::optional<Tick> pending =
        next_refresh(index, std::max(visible, bank.refresh_seen + 1));
    if (pending && *pending <= t) {
      refresh(index, *pending);
      continue;
    }
    p.act = t;
    p.ready = t + rcd(v);
    return p;
  }
}

Tick UnitScheduler::column_start(const Visit& v, Tick ready) const {
  Tick begin = ready;
  // Bus turnaround after the other direction's last column.
  const Stream& other = streams_[v.run.is_write ? 0 : 1];
  if (other.last_column != kNever) {
    begin = std::max(begin, v.run.is_write
                                ? other.last_column + t_.CL + t_.tBL + t_.tRTRS - t_.CWL
                                : other.last_column + t_.CWL + t_.tBL +
                                      (other.last_group == v.run.bank_group ? t_.tWTR_L : t_.tWTR_S));
  }
  if (served_.empty() || served_.back().run.is_write != v.run.is_write) return begin;
  const Visit& previous = served_.back();
  const Visit* before = served_.size() >= 2 ? &served_[served_.size() - 2] : nullptr;
  if (previous.run.bank_group == v.run.bank_group) {
    begin = std::max(begin, previous.last() + tccd_l_);
  } else if (previous.bursts == 1) {
    // A single burst is not worth sharing the bus with: the next goes after it.
    begin = std::max(begin, previous.last() + tccd_s_);
    if (before != nullptr && before->run.is_write == v.run.is_write) {
      begin = std::max(begin, before->last() + (before->run.bank_group == v.run.bank_group
                                                    ? tccd_l_
                                                    : tccd_s_));
    }
  } else if (before != nullptr && before->run.is_write == v.run.is_write) {
    begin = std::max(begin, before->last() + (before->run.bank_group == v.run.bank_group
                                                  ? tccd_l_
                                                  : tccd_s_));
  }
  return std::max(begin, previous.first());
}

// In a read turn: the last cycle a read may still issue, once the write_high-th waiting write
// has entered (the count seen the cycle after ends the turn); none while it has not.
std::optional<Tick> UnitScheduler::read_turn_end() {
  Stream& writes = streams_[1];
  const std::int64_t j = writes.served + spec_.controller.write_high - 1;
  if (j >= writes.share || !accept_through(1, j)) return std::nullopt;
  return writes.accepted[static_cast<std::size_t>(j)] + 1;
}

std::int64_t UnitScheduler::write_turn_kept(const Visit& v, Tick& ends) {
  const Stream& reads = streams_[0];
  const Stream& writes = streams_[1];
  collect_columns(v);
  const std::vector<Tick> times = scratch_;
  for (std::size_t i = 0; i < times.size(); ++i) {
    // As many acceptances as the writes served so far allow.
    accept_through(1, writes.share - 1);
    accept_through(0, reads.share - 1);
    const std::int64_t waiting = writes.entered_by(times[i]) - (writes.served + static_cast<std::int64_t>(i) + 1);
    const bool reads_wait = reads.entered_by(times[i]) > reads.served;
    if (waiting <= 0 || (waiting <= spec_.controller.write_low && reads_wait)) {
      ends = times[i];
      return static_cast<std::int64_t>(i) + 1;
    }
  }
  return v.bursts;
}

std::optional<Visit> UnitScheduler::process(Visit& v, const Plan& p) {
  const int index = v.bank_index(banks_per_group_);
  BankTimes& bank = bank_[static_cast<std::size_t>(index)];
  double stall = 0;
  if (p.act) {
    count_row(v, p);
    stall = oldest_wait(v, *p.act);
    conflict_stall_ += stall;
    acts_.insert(std::upper_bound(acts_.begin(), acts_.end(), std::make_pair(*p.act, v.run.bank_group)),
                 std::make_pair(*p.act, v.run.bank_group));
    if (acts_.size() > 32) acts_.erase(acts_.begin());
    activates_ += 1;
    bank.last_act = *p.act;
  }
  bank.open = true;
  bank.row = v.run.row;

  const Tick begin = column_start(v, p.ready);
  Visit* previous = served_.empty() ? nullptr : &served_.back();
  if (previous != nullptr && previous->run.bank_group != v.run.bank_group &&
      previous->run.is_write == v.run.is_write && previous->bursts > 1 &&
      begin <= previous->last()) {
    // The two visits alternate on the bus until one of them runs out.
    const std::int64_t shared =
        std::min(previous->bursts - previous->served_before(begin), v.bursts);
    Stream& s = stream_of(*previous);
    remove_columns(*previous);
    previous->share_bus(begin, shared, pair_, pair_ / 2);
    add_columns(*previous);
    s.stretch_moved(previous->position, previous->last());
    if (previous->presence >= 0) {
      presence_[static_cast<std::size_t>(previous->presence)].to = previous->last();
      served_columns_[static_cast<std::size_t>(previous->presence)] = previous->phases;
    }
    bank_of(*previous).last_column = previous->last();
    s.last_column = std::max(s.last_column, previous->last());
    v.phases.clear();
    v.phases.push_back({begin, pair_, shared});
    if (v.bursts > shared) v.phases.push_back({begin + shared * pair_, tccd_l_, v.bursts - shared});
  } else {
    v.phases.clear();
    v.phases.push_back({begin, tccd_l_, v.bursts});
  }
  // One command per cycle: the bus must have carried every command so far.
  commands_ += v.bursts + (p.act ? 1 : 0) + (p.precharge ? 1 : 0);
  const Tick carried = start_ + commands_;
  if (v.last() < carried) {
    for (Phase& phase : v.phases) phase.start += carried - v.last();
  }

  // The end of this direction's turn, or a refresh, may cut the visit short.
  std::int64_t kept = v.bursts;
  Tick cut = kNever;
  Tick turn_ends = kNever;  // a plain sentinel: gcc -O2 misreads an optional here
  if (copying() && streams_[writing_ ? 0 : 1].served < streams_[writing_ ? 0 : 1].share) {
    if (writing_) {
      add_columns(v);
      kept = write_turn_kept(v, turn_ends);
      remove_columns(v);
      if (kept < v.bursts) {
        collect_columns(v);
        cut = scratch_[static_cast<std::size_t>(kept)];
      }
    } else if (const std::optional<Tick> limit = read_turn_end()) {
      if (v.last() > *limit) {
        kept = v.served_before(*limit + 1);
        cut = *limit + 1;
        turn_ends = *limit - 1;
      }
    }
  }
  const std::optional<Tick> pending = next_refresh(index, (p.act ? *p.act : p.ready) + 1);
  const bool refreshed = pending && *pending <= v.last() && (cut == kNever || *pending < cut);
  if (refreshed) {
    cut = *pending;
    kept = v.served_before(cut);
    turn_ends = kNever;
  }
  if (cut == kNever) {
    commit(v);
    // The turn may end right after the visit's last column.
    if (turn_ends != kNever) switch_direction(turn_ends + 2);
    return std::nullopt;
  }
  v.truncate(cut);
  Visit rest = v;
  rest.position = v.position + kept;
  rest.bursts = v.bursts - kept;
  rest.phases.clear();
  rest.accepted.reset();
  rest.presence = -1;
  rest.counted = v.counted && kept == 0;  // its first request is another one when kept > 0
  if (refreshed) rest.min_act = refresh(index, *pending);
  v.bursts = kept;
  if (kept > 0) {
    commit(v);
  } else {
    v.phases.clear();
    // The rest waits again from the same cycle: count that wait once, with the rest.
    conflict_stall_ -= stall;
  }
  forget_acceptances_after(cut);
  if (turn_ends != kNever) switch_direction(turn_ends + 2);
  return rest;
}

void UnitScheduler::commit(Visit& v) {
  BankTimes& bank = bank_of(v);
  bank.last_column = v.last();
  bank.last_write = v.run.is_write;
  Stream& s = stream_of(v);
  add_columns(v);
  s.served += v.bursts;
  s.served_stretch(v.position, v.bursts, v.last());
  v.presence = static_cast<std::int64_t>(presence_.size());
  presence_.push_back({v.bank_index(banks_per_group_), v.run.is_write, *v.accepted + 1, v.last()});
  served_columns_.push_back(v.phases);
  if (v.last() > s.last_column) {
    s.last_column = v.last();
    s.last_group = v.run.bank_group;
  }
  drop_served_columns(s);
  processed_bursts_ += v.bursts;
  if (progress_.empty() || v.first() < first_column_) {
    first_column_ = v.first();
    first_is_write_ = v.run.is_write;
  }
  progress_.emplace_back(v.last(), v.bursts);
  served_.push_back(std::move(v));
  if (served_.size() > kServedVisits) served_.pop_front();
}

void UnitScheduler::fill(Stream& s) {
  while (!s.exhausted && s.queued_visits.size() < kCandidateWindow) {
    RowRun run;
    if (!s.source->next(run)) {
      s.exhausted = true;
      break;
    }
    Visit v;
    v.run = run;
    v.position = s.pulled;
    v.bursts = static_cast<std::int64_t>(run.bursts);
    s.pulled += v.bursts;
    s.queued_visits.push_back(std::move(v));
  }
}

// While a turn's columns go out, FR-FCFS also opens the rows of the requests still waiting in
// its queue (row commands take the cycles the columns leave free); the rows opened before the
// turn ends are open when the other direction's turn begins.
void UnitScheduler::open_waiting_rows(Tick until) {
  Stream& active = streams_[writing_ ? 1 : 0];
  std::vector<int> seen;
  for (std::size_t i = 0; i < active.queued_visits.size() && i < kCandidateWindow; ++i) {
    Visit& v = active.queued_visits[i];
    const int index = v.bank_index(banks_per_group_);
    if (std::find(seen.begin(), seen.end(), index) != seen.end()) continue;
    seen.push_back(index);
    if (!entry(v) || *v.accepted >= until) break;
    BankTimes& bank = bank_[static_cast<std::size_t>(index)];
    if (bank.open && bank.row == v.run.row) continue;
    const Plan p = plan(v);
    if (!p.act || *p.act >= until) continue;
    count_row(v, p);
    conflict_stall_ += oldest_wait(v, *p.act);
    acts_.insert(std::upper_bound(acts_.begin(), acts_.end(), std::make_pair(*p.act, v.run.bank_group)),
                 std::make_pair(*p.act, v.run.bank_group));
    if (acts_.size() > 32) acts_.erase(acts_.begin());
    activates_ += 1;
    commands_ += 1 + (p.precharge ? 1 : 0);
    bank.last_act = *p.act;
    bank.open = true;
    bank.row = v.run.row;
  }
}

void UnitScheduler::switch_direction(Tick from) {
  open_waiting_rows(from);
  writing_ = !writing_;
  turn_start_ = from;
  turns_.emplace_back(from, writing_);
}

}  // namespace axsim::mem::fast
