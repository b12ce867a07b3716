// The fast model's scheduler of one controller's stream, shared by the files that implement
// it: fast_unit_scheduler.cpp (the recurrence, visit by visit), fast_unit_stats.cpp (the
// statistics the detailed controller books, from the same walk) and fast_schedule.cpp (the
// walk over a bounded prefix and its extension). Internal to the fast model.
//
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
// The same walk gives the statistics the detailed controller books: row misses and conflicts
// per visit opened, the oldest request's wait for its row, the cycles a queued request's bank
// was held by a refresh, and the requests queued from entry to column (docs/memory.md,
// "Conflicts, stalls and queue occupancy in fast mode").
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "models/mem/dram/dram_spec.h"
#include "models/mem/dram/fast_runs.h"
#include "models/mem/dram/fast_schedule.h"

namespace axsim::mem::fast {


using Tick = std::int64_t;
constexpr Tick kNever = std::numeric_limits<Tick>::min() / 4;
// Without refresh the steady state is reached within a few sweeps over the banks.
constexpr std::size_t kVisitsWithoutRefresh = 512;
// Visits looked at for the next one to serve: more than a full queue of one-burst visits.
constexpr std::size_t kCandidateWindow = 64;
// Processed visits kept for the bus rules, which look two visits back.
constexpr std::size_t kServedVisits = 4;

inline Tick ceil_div(Tick a, Tick b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

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
  std::int64_t presence = -1;    // its entry in UnitScheduler::presence_ once committed
  bool counted = false;          // its first request is counted a row miss or conflict

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

struct BankTimes {
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
  // The requests before `frontier` are all served, the last of them at `frontier_last`;
  // stretches served ahead of an older request wait in `ahead` (first -> end, last column).
  // A visit that starts at the frontier is the oldest of its queue from the cycle after.
  std::int64_t frontier = 0;
  Tick frontier_last = kNever;
  std::map<std::int64_t, std::pair<std::int64_t, Tick>> ahead;

  void served_stretch(std::int64_t first, std::int64_t count, Tick last) {
    ahead[first] = {first + count, last};
    for (auto it = ahead.find(frontier); it != ahead.end(); it = ahead.find(frontier)) {
      frontier = it->second.first;
      frontier_last = std::max(frontier_last, it->second.second);
      ahead.erase(it);
    }
  }
  // A served stretch's columns moved later (it came to share the bus).
  void stretch_moved(std::int64_t first, Tick last) {
    if (const auto it = ahead.find(first); it != ahead.end()) {
      it->second.second = std::max(it->second.second, last);
    } else if (first < frontier) {
      frontier_last = std::max(frontier_last, last);
    }
  }

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
  BankTimes& bank_of(const Visit& v) {
    return bank_[static_cast<std::size_t>(v.bank_index(banks_per_group_))];
  }
  bool copying() const { return streams_[0].share > 0 && streams_[1].share > 0; }
  std::optional<Tick> next_refresh(int bank, Tick at_or_after) const;
  Tick pre_ready(const BankTimes& bank, Tick t) const;
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
  std::vector<BankTimes> bank_;
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

  // For the statistics the detailed controller books (flags() / book()).
  struct Interval {
    int bank = 0;
    bool is_write = false;
    Tick from = 0;  // first cycle
    Tick to = 0;    // last cycle
  };
  // The detailed controller marks a request a miss or a conflict when it heads its bank's
  // requests as the ACT (or the PRE before it) issues; one that has to be opened again later
  // keeps its first mark. So do the visits: their first request, the first time.
  double misses_ = 0;
  double conflicts_ = 0;
  std::vector<Tick> miss_acts_;  // the ACTs of the misses
  void count_row(Visit& v, const Plan& p) {
    if (v.counted) return;
    v.counted = true;
    (p.precharge ? conflicts_ : misses_) += 1;
    if (!p.precharge) miss_acts_.push_back(*p.act);
  }
  double conflict_stall_ = 0;               // cycles the oldest request had no open row
  std::vector<Interval> refreshes_;         // per bank: pending to the end of tRFCpb / tRFC
  std::vector<Interval> presence_;          // per committed visit: in its queue, first to last
  std::vector<Phases> served_columns_;      // per committed visit: its column commands
  std::vector<std::pair<Tick, bool>> turns_;  // (first cycle, writing) of each turn
  double oldest_wait(const Visit& v, Tick act) const;
  double refresh_stall(Tick end) const;
  double queued_between(Tick from, Tick to) const;
};

}  // namespace axsim::mem::fast
