// The run-level recurrence behind the fast mode. The controller's stream is taken a row visit
// (run) at a time. Each visit gets, from the rules of docs/dram-controller.md:
//   entry   the cycle its first request is accepted: one request per cycle in stream order,
//           and only into a queue with room (request k of a queue of depth d waits for
//           request k - d + 1 of its direction to be served); the scheduler sees it a cycle
//           later;
//   ACT     after that, after PRE + tRP when another row is open (PRE itself waits for tRAS,
//           tRTP or the write recovery), tRC after the bank's last ACT, tRRD and tFAW after
//           the others; none when its row is already open;
//   columns from ACT + tRCD: one every tCCD_L while it is the only visit on the bus, or
//           alternating with the visit before it when that one lies in another bank group
//           (one column every max(tBL, tCCD_S) on the bus), which is how FR-FCFS overlaps
//           consecutive rows; a visit of one burst is simply followed tCCD_S (other group) or
//           tCCD_L (same group) later; after the other direction's last column by the bus
//           turnaround; never faster than the one command per cycle the bus carries;
//   refresh a per-bank (all-bank) refresh pending at k * interval takes its bank first: PRE
//           when open, then tRFCpb (tRFC), and a visit it interrupts resumes afterwards.
// Which visit goes next is FR-FCFS at the level of visits: of the visits of the direction
// being served whose first request is in the queue (per bank the oldest, plus any that hit
// the bank's open row), the one whose first column can issue first, the oldest on a tie. So a
// bank held by a refresh, or a row still opening, lets younger visits to other banks go ahead.
// With reads and writes (a copy) the direction changes on the queue counts as the contract
// says: to writes once write_high writes wait, back to reads once write_low are left; a visit
// that the change interrupts finishes in its direction's next turn, and the rows the turn
// opened for requests it did not reach stay open into the other direction's turn.
#include "models/mem/dram/fast_schedule.h"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <optional>
#include <vector>

namespace axsim::mem {
namespace {

using Tick = std::int64_t;
constexpr Tick kNever = std::numeric_limits<Tick>::min() / 4;
// Without refresh the steady state is reached within a few sweeps over the banks.
constexpr std::size_t kVisitsWithoutRefresh = 512;
// Visits looked at for the next one to serve: more than a full queue of one-burst visits.
constexpr std::size_t kCandidateWindow = 64;
// Processed visits kept for the bus rules, which look two visits back.
constexpr std::size_t kServedVisits = 4;

Tick ceil_div(Tick a, Tick b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

struct Phase {
  Tick start = 0;
  Tick spacing = 1;
  std::int64_t count = 0;
};

// A visit's column commands: a few evenly spaced stretches (at most two of its own, two more
// when the visit after it shares the bus).
class Phases {
 public:
  void push_back(const Phase& p) { items_[size_++] = p; }
  void clear() { size_ = 0; }
  bool empty() const { return size_ == 0; }
  const Phase& front() const { return items_[0]; }
  const Phase& back() const { return items_[size_ - 1]; }
  const Phase* begin() const { return items_.data(); }
  const Phase* end() const { return items_.data() + size_; }
  Phase* begin() { return items_.data(); }
  Phase* end() { return items_.data() + size_; }

 private:
  std::array<Phase, 4> items_{};
  std::size_t size_ = 0;
};

// One row visit being scheduled.
struct Visit {
  RowRun run;
  std::int64_t position = 0;  // index of its first request among its direction's
  std::int64_t bursts = 0;
  std::optional<Tick> accepted;  // when its first request entered the queue
  Tick min_act = kNever;         // a refresh holds the bank until then
  Phases phases;

  int bank_index(int banks_per_group) const { return run.bank_group * banks_per_group + run.bank; }
  Tick first() const { return phases.front().start; }
  Tick last() const {
    const Phase& p = phases.back();
    return p.start + p.spacing * (p.count - 1);
  }
  std::int64_t served_before(Tick t) const {
    std::int64_t n = 0;
    for (const Phase& p : phases) {
      if (t > p.start) n += std::min(p.count, (t - p.start - 1) / p.spacing + 1);
    }
    return n;
  }
  void truncate(Tick t) {
    Phases kept;
    for (Phase p : phases) {
      if (t <= p.start) break;
      p.count = std::min(p.count, (t - p.start - 1) / p.spacing + 1);
      kept.push_back(p);
    }
    phases = kept;
  }
  // From `from` on, the next `shared` columns alternate with another visit's (this one a
  // half pair later), the rest keep their spacing.
  void share_bus(Tick from, std::int64_t shared, Tick pair, Tick offset) {
    const std::int64_t done = served_before(from);
    const Tick solo = phases.back().spacing;
    truncate(from);
    const std::int64_t left = bursts - done;
    shared = std::min(shared, left);
    if (shared > 0) phases.push_back({from + offset, pair, shared});
    if (left > shared) phases.push_back({from + offset + shared * pair, solo, left - shared});
  }
};

struct BankState {
  bool open = false;
  std::uint32_t row = 0;
  Tick last_act = kNever;
  Tick last_column = kNever;
  bool last_write = false;
  Tick refresh_end = kNever;
  Tick refresh_seen = kNever;  // pending time of the last refresh applied
};

// One direction's requests: what is still to schedule, what has been served and when its
// requests entered the queue.
struct Stream {
  RunSource* source = nullptr;
  bool exhausted = false;
  bool is_write = false;
  std::int64_t share = 0;   // the unit's requests in this direction
  std::int64_t pulled = 0;  // requests taken from the source
  std::int64_t depth = 0;   // its queue
  std::deque<Visit> queued_visits;
  std::vector<Tick> columns;      // recent column commands, in time order
  std::int64_t columns_base = 0;  // served requests older than `columns`
  std::int64_t served = 0;
  std::vector<Tick> accepted;  // acceptance cycle of each request so far
  Tick last_column = kNever;
  int last_group = -1;

  std::int64_t entered_by(Tick t) const {
    return std::upper_bound(accepted.begin(), accepted.end(), t) - accepted.begin();
  }
};

class UnitScheduler {
 public:
  UnitScheduler(const DramSpec& spec, Cycle start, RunSource& reads, std::uint64_t read_bursts,
                RunSource& writes, std::uint64_t write_bursts);
  UnitTiming run(const SteadyState* known);

 private:
  // When a visit could have its row ready, from the bank's state and the ACT history.
  struct Plan {
    Tick ready = 0;
    std::optional<Tick> act;  // none when its row is already open
    bool precharge = false;   // another row has to be closed first
  };

  Stream& stream_of(const Visit& v) { return streams_[v.run.is_write ? 1 : 0]; }
  Tick rcd(const Visit& v) const { return v.run.is_write ? t_.tRCDWR : t_.tRCDRD; }
  BankState& bank_of(const Visit& v) {
    return bank_[static_cast<std::size_t>(v.bank_index(banks_per_group_))];
  }
  bool copying() const { return streams_[0].share > 0 && streams_[1].share > 0; }
  std::optional<Tick> next_refresh(int bank, Tick at_or_after) const;
  Tick pre_ready(const BankState& bank, Tick t) const;
  Tick refresh(int bank, Tick pending);
  Tick catch_up_refresh(int bank, Tick t);
  Tick act_slot(int group, Tick t) const;

  std::int64_t combined_position(int stream, std::int64_t k) const;
  int stream_at(std::int64_t position, std::int64_t& k) const;
  std::optional<Tick> served_time(const Stream& s, std::int64_t need) const;
  bool accept_through(int stream, std::int64_t k);
  void forget_acceptances_after(Tick t);
  std::optional<Tick> entry(Visit& v);

  void collect_columns(const Visit& v);  // its column times, sorted, into scratch_
  void add_columns(const Visit& v);
  void remove_columns(const Visit& v);
  void drop_served_columns(Stream& s);

  Plan plan(Visit& v);
  Tick column_start(const Visit& v, Tick ready) const;
  std::optional<Tick> read_turn_end();
  // How many of the visit's columns the write turn keeps, and when it ends if it does.
  // `ends` becomes the cycle the write turn ends, or stays kNever.
  std::int64_t write_turn_kept(const Visit& v, Tick& ends);
  // Schedules `v` as planned; returns the rest of it when a refresh or the end of its
  // direction's turn interrupts it.
  std::optional<Visit> process(Visit& v, const Plan& p);
  void commit(Visit& v);
  void fill(Stream& s);
  void open_waiting_rows(Tick until);
  void switch_direction(Tick from);

  const DramSpec& spec_;
  const DramTiming& t_;
  Tick start_;
  int banks_per_group_;
  int banks_;
  Tick refresh_interval_ = 0;  // between the controller's refresh commands
  Tick tccd_s_, tccd_l_, pair_;
  std::vector<BankState> bank_;
  std::vector<std::pair<Tick, int>> acts_;  // recent ACTs (cycle, bank group), sorted
  std::array<Stream, 2> streams_;          // reads, writes
  std::vector<Tick> chain_;                // acceptance of every request, in stream order
  std::deque<Visit> served_;               // the last few visits processed
  std::vector<Tick> scratch_;
  bool writing_ = false;
  Tick turn_start_ = 0;  // first cycle of the current direction's turn
  std::int64_t commands_ = 0;
  std::int64_t processed_bursts_ = 0;
  double activates_ = 0;
  std::vector<std::pair<Tick, std::int64_t>> progress_;  // (last column, bursts) per visit
  Tick first_column_ = 0;
  bool first_is_write_ = false;
  std::vector<int> seen_;  // banks whose oldest waiting visit has been looked at
};

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

Tick UnitScheduler::pre_ready(const BankState& bank, Tick t) const {
  if (!bank.open) return t;
  const Tick recovery = bank.last_write ? t_.CWL + t_.tBL + t_.tWR : t_.tRTP;
  return std::max({t, bank.last_act + t_.tRAS, bank.last_column + recovery});
}

Tick UnitScheduler::refresh(int index, Tick pending) {
  BankState& bank = bank_[static_cast<std::size_t>(index)];
  Tick t = pending;
  if (bank.open) t = pre_ready(bank, t) + t_.tRP;
  t = std::max(t, bank.last_act + t_.tRC);
  const Tick busy = spec_.controller.refresh == RefreshMode::per_bank ? t_.tRFCpb : t_.tRFC;
  bank.open = false;
  bank.refresh_end = t + busy;
  bank.refresh_seen = pending;
  return bank.refresh_end;
}

Tick UnitScheduler::catch_up_refresh(int index, Tick t) {
  const BankState& bank = bank_[static_cast<std::size_t>(index)];
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
    BankState& bank = bank_[static_cast<std::size_t>(index)];
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
  BankState& bank = bank_[static_cast<std::size_t>(index)];
  if (p.act) {
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
    remove_columns(*previous);
    previous->share_bus(begin, shared, pair_, pair_ / 2);
    add_columns(*previous);
    bank_of(*previous).last_column = previous->last();
    Stream& s = stream_of(*previous);
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
  if (refreshed) rest.min_act = refresh(index, *pending);
  v.bursts = kept;
  if (kept > 0) {
    commit(v);
  } else if (!v.phases.empty()) {
    v.phases.clear();
  }
  forget_acceptances_after(cut);
  if (turn_ends != kNever) switch_direction(turn_ends + 2);
  return rest;
}

void UnitScheduler::commit(Visit& v) {
  BankState& bank = bank_of(v);
  bank.last_column = v.last();
  bank.last_write = v.run.is_write;
  Stream& s = stream_of(v);
  add_columns(v);
  s.served += v.bursts;
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
    BankState& bank = bank_[static_cast<std::size_t>(index)];
    if (bank.open && bank.row == v.run.row) continue;
    const Plan p = plan(v);
    if (!p.act || *p.act >= until) continue;
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
}

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
        const BankState& bank = bank_[static_cast<std::size_t>(index)];
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
  if (known == nullptr && progress_.size() >= 2) {
    const Tick from = refresh_cycle > 0 && scheduled_end >= horizon
                          ? start_ + refresh_cycle
                          : progress_[progress_.size() / 2].first;
    std::int64_t moved = 0;
    for (const auto& [cycle, bursts] : progress_) {
      if (cycle > from) moved += bursts;
    }
    if (scheduled_end > from && moved > 0 && left > 0) {
      timing.measured = SteadyState{static_cast<double>(scheduled_end - from) / static_cast<double>(moved),
                                    activates_ / static_cast<double>(processed_bursts_)};
    }
  }
  const SteadyState* rate = known != nullptr ? known : (timing.measured ? &*timing.measured : nullptr);
  if (left > 0 && rate != nullptr) {
    // The tail is whichever direction the stream ends with: a copy drains its writes.
    finish = scheduled_end + static_cast<Tick>(static_cast<double>(left) * rate->cycles_per_burst) +
             (streams_[1].share > 0 ? t_.CWL : t_.CL);
    activates += static_cast<double>(left) * rate->activates_per_burst;
  }
  timing.finish = static_cast<Cycle>(finish + t_.tBL);
  timing.activates = activates;
  if (refresh_interval_ > 0) {
    timing.refreshes =
        static_cast<double>(finish - start_) / static_cast<double>(refresh_interval_);
  }
  return timing;
}

}  // namespace

UnitTiming schedule_unit(const DramSpec& spec, Cycle start, RunSource& reads,
                         std::uint64_t read_bursts, RunSource& writes, std::uint64_t write_bursts,
                         const SteadyState* known) {
  UnitScheduler scheduler(spec, start, reads, read_bursts, writes, write_bursts);
  return scheduler.run(known);
}

}  // namespace axsim::mem
