#include "models/mem/dram/channel_controller.h"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <stdexcept>
#include <string>

#include "models/mem/dram/bank_state.h"
#include "models/mem/dram/channel_candidates.h"
#include "models/mem/dram/channel_queue.h"
#include "models/mem/dram/channel_validation.h"

namespace axsim::mem {

namespace {

constexpr Cycle kNever = std::numeric_limits<Cycle>::max();

enum class Pick : std::uint8_t { none, refresh_pre, refresh, column, act, pre };

// The command chosen for one cycle. `earliest` is the first cycle at which a candidate that
// is not legal now becomes legal (kNever if none); `legal` counts the request candidates
// that are legal now.
struct Choice {
  Pick pick = Pick::none;
  int bank = 0;
  Cycle earliest = kNever;
  int legal = 0;
};

// What the statistics of one cycle need, from the state at its start.
struct CycleFlags {
  int queued = 0;                        // reads + writes
  bool held_by_pending_refresh = false;  // an active request skipped for a pending refresh
  Cycle refresh_until = 0;            // latest tRFCpb / tRFC end on a bank an active request wants
  bool oldest_waits_for_row = false;  // the oldest active request's row is not open
};

}  // namespace

struct ChannelController::State {
  State(const ChannelOrg& o, const DramTiming& t, const ControllerConfig& c, Stepping s)
      : org(o),
        timing(t),
        config(c),
        stepping(s),
        banks(o, t),
        reads(c.read_queue, o.banks()),
        writes(c.write_queue, o.banks()),
        refresh_interval(refresh_due_interval(o, t, c.refresh)),
        next_refresh_due(refresh_interval) {
    for (int b = 0; b < o.banks(); ++b) {
      bank_group[b] = static_cast<std::uint8_t>(banks.group_of(b));
    }
  }

  ChannelOrg org;
  DramTiming timing;
  ControllerConfig config;
  Stepping stepping;
  BankState banks;
  RequestQueue reads;
  RequestQueue writes;
  std::deque<ChannelRequest> input;  // pushed, not yet accepted into a queue
  Cycle last_arrival = 0;
  std::uint64_t next_seq = 0;
  bool write_mode = false;
  Cycle now = 0;

  // Refresh k (k = 1, 2, ...) falls due at k * refresh_interval; 0 means refresh is off.
  Cycle refresh_interval;
  Cycle next_refresh_due;
  std::uint64_t refreshes_due = 0;
  std::uint64_t refreshes_done = 0;
  std::uint64_t refreshing = 0;  // banks that may still be inside tRFCpb / tRFC

  QueueCandidates read_candidates;
  QueueCandidates write_candidates;
  std::array<std::uint8_t, kMaxBanksPerChannel> bank_group{};
  // Bank-group and channel part of each candidate kind's earliest cycle, per bank group;
  // recomputed before choosing when a command has moved it.
  std::array<Cycle, kCandidateKinds * kMaxBanksPerChannel> group_bound{};
  bool group_bound_stale = true;
  // No command can be legal before this cycle: commands only push earliest cycles later,
  // so the earliest cycle seen when choosing stays a lower bound until a request arrives
  // (then its bank's candidate is folded in), a refresh falls due or issues, or the mode
  // changes (then it drops to the current cycle).
  Cycle command_bound = 0;
  // The statistics' view of the state, recomputed only after the state has changed.
  CycleFlags cycle_flags;
  bool cycle_flags_stale = true;

  std::vector<Completion> completions;
  Cycle last_completion = 0;
  bool recording = false;
  std::vector<Command> log;
  ChannelCounters counters;

  RequestQueue& active() { return write_mode ? writes : reads; }
  const QueueCandidates& active_candidates() const {
    return write_mode ? write_candidates : read_candidates;
  }

  void run(Cycle limit, bool stop_when_served);
  bool decide(Cycle t);
  Choice choose(Cycle t);
  void choose_refresh(Cycle t, Choice& choice);
  std::uint64_t held_banks() const;
  Cycle candidate_ready(int bank) const;
  CycleFlags flags(Cycle t);
  void issue(const Choice& choice, Cycle t);
  void serve(int bank, Cycle t);
  bool accept_arrival(Cycle t, int reads_at_start, int writes_at_start);
  bool next_mode(int reads_at_start, int writes_at_start) const;
  Cycle next_arrival() const;
  void account(Cycle from, Cycle to);
  [[noreturn]] void refuse(const ChannelRequest& request) const;
  void record(CommandKind kind, int bank, Cycle t, std::uint32_t row = 0, std::uint32_t column = 0,
              std::uint64_t request_id = 0);
  void bank_opened(int bank, std::uint32_t row) {
    reads.bank_opened(bank, row);
    writes.bank_opened(bank, row);
  }
  void bank_closed(int bank) {
    reads.bank_closed(bank);
    writes.bank_closed(bank);
  }
  // After a command to `bank`: its candidates in both queues.
  void update_candidates(int bank) {
    read_candidates.update(bank, reads, banks, false);
    write_candidates.update(bank, writes, banks, true);
  }
};

// Simulates cycles [now, limit), or stops earlier once every request has left its queue.
// Each cycle runs the contract's steps. Between events nothing changes: no command is legal
// before command_bound, no request is accepted before next_arrival(), no refresh falls due
// and the mode holds, so skip_idle jumps to the first of these, booking the statistics of
// the cycles in between at once. every_cycle evaluates the scheduler on every cycle instead.
void ChannelController::State::run(Cycle limit, bool stop_when_served) {
  const bool skip = stepping == Stepping::skip_idle;
  while (now < limit) {
    if (stop_when_served && input.empty() && reads.empty() && writes.empty()) break;
    const Cycle t = now;
    if (refresh_interval > 0 && next_refresh_due <= t) {
      while (next_refresh_due <= t) {
        ++refreshes_due;
        next_refresh_due += refresh_interval;
      }
      command_bound = t;
      cycle_flags_stale = true;
    }
    const int reads_at_start = reads.size();
    const int writes_at_start = writes.size();
    account(t, t + 1);
    bool changed = false;
    if (t >= command_bound || !skip) changed = decide(t);
    changed |= accept_arrival(t, reads_at_start, writes_at_start);
    const bool mode = next_mode(reads_at_start, writes_at_start);
    if (mode != write_mode) {
      write_mode = mode;
      command_bound = t + 1;
      changed = true;
    }
    cycle_flags_stale |= changed;
    now = t + 1;
    if (!skip) continue;
    if (stop_when_served && input.empty() && reads.empty() && writes.empty()) break;

    Cycle next = std::min(command_bound, next_arrival());
    if (refresh_interval > 0) next = std::min(next, next_refresh_due);
    if (next_mode(reads.size(), writes.size()) != write_mode) next = now;
    if (next == kNever && limit == kNever) {
      if (input.empty() && reads.empty() && writes.empty()) break;
      throw std::logic_error("DRAM channel controller: requests wait but nothing can happen");
    }
    next = std::min(next, limit);
    if (next > now) {
      account(now, next);
      now = next;
    }
  }
  counters.cycles = now;
}

// Chooses and issues this cycle's command, and sets command_bound for what follows.
// Returns whether a command issued.
bool ChannelController::State::decide(Cycle t) {
  const Choice choice = choose(t);
  if (choice.pick == Pick::none) {
    command_bound = choice.earliest;
    return false;
  }
  issue(choice, t);
  const bool request_command =
      choice.pick == Pick::column || choice.pick == Pick::act || choice.pick == Pick::pre;
  if (!request_command || choice.legal > 1) {
    command_bound = t + 1;
    return true;
  }
  // Only the issued command was legal: every other candidate's earliest cycle still holds,
  // and the issued bank has a new candidate.
  command_bound = std::min(choice.earliest, candidate_ready(choice.bank));
  return true;
}

// Banks whose requests the pending head refresh holds back.
std::uint64_t ChannelController::State::held_banks() const {
  if (refreshes_due <= refreshes_done) return 0;
  if (config.refresh == RefreshMode::all_bank) return ~std::uint64_t{0};
  return std::uint64_t{1} << (refreshes_done % static_cast<std::uint64_t>(org.banks()));
}

// Earliest legal cycle of `bank`'s candidate in the active queue; kNever if it has none or
// is held by a refresh.
Cycle ChannelController::State::candidate_ready(int bank) const {
  if (held_banks() >> bank & 1) return kNever;
  switch (active_candidates().kind[bank]) {
    case CandidateKind::read:
      return banks.rd_ready(bank);
    case CandidateKind::write:
      return banks.wr_ready(bank);
    case CandidateKind::pre:
      return banks.pre_ready(bank);
    case CandidateKind::act:
      return banks.act_ready(bank);
    case CandidateKind::none:
      return kNever;
  }
  return kNever;
}

void ChannelController::State::choose_refresh(Cycle t, Choice& choice) {
  if (config.refresh == RefreshMode::per_bank) {
    const int bank = static_cast<int>(refreshes_done % static_cast<std::uint64_t>(org.banks()));
    const bool open = banks.is_open(bank);
    const Cycle ready = open ? banks.pre_ready(bank) : banks.refpb_ready(bank);
    if (ready <= t) {
      choice.pick = open ? Pick::refresh_pre : Pick::refresh;
      choice.bank = bank;
    } else {
      choice.earliest = ready;
    }
    return;
  }
  if (!banks.any_open()) {
    const Cycle ready = banks.refab_ready();
    if (ready <= t) {
      choice.pick = Pick::refresh;
    } else {
      choice.earliest = ready;
    }
    return;
  }
  for (int bank = 0; bank < org.banks(); ++bank) {
    if (!banks.is_open(bank)) continue;
    const Cycle ready = banks.pre_ready(bank);
    if (ready <= t) {
      choice.pick = Pick::refresh_pre;
      choice.bank = bank;
      return;
    }
    choice.earliest = std::min(choice.earliest, ready);
  }
}

// Step 2 of the contract's cycle: the head refresh if legal, else the oldest legal column
// command, else the oldest legal row command. One pass over the banks' candidates finds
// both and the earliest cycle at which any other becomes legal; it is written without
// branches on the candidates, which are unpredictable.
Choice ChannelController::State::choose(Cycle t) {
  Choice choice;
  if (refreshes_due > refreshes_done) choose_refresh(t, choice);
  if (group_bound_stale) {
    const auto at = [](CandidateKind kind, int g) {
      return static_cast<int>(kind) * kMaxBanksPerChannel + g;
    };
    for (int g = 0; g < org.bank_groups; ++g) {
      group_bound[at(CandidateKind::read, g)] = banks.rd_group_bound(g);
      group_bound[at(CandidateKind::write, g)] = banks.wr_group_bound(g);
      group_bound[at(CandidateKind::pre, g)] = 0;
      group_bound[at(CandidateKind::act, g)] = banks.act_group_bound(g);
    }
    group_bound_stale = false;
  }

  const QueueCandidates& c = active_candidates();
  std::uint64_t best = QueueCandidates::kNone;
  Cycle earliest = choice.earliest;
  int legal_count = 0;
  for (std::uint64_t live = active().busy_banks() & ~held_banks(); live != 0; live &= live - 1) {
    const int b = __builtin_ctzll(live);
    const Cycle ready = std::max(c.bank_bound[b], group_bound[c.bound_index[b]]);
    const bool legal = ready <= t;
    best = std::min(best, legal ? c.priority[b] : QueueCandidates::kNone);
    earliest = std::min(earliest, legal ? kNever : ready);
    legal_count += legal;
  }
  choice.earliest = earliest;
  choice.legal = legal_count;

  if (choice.pick != Pick::none || best == QueueCandidates::kNone) return choice;
  choice.bank = QueueCandidates::bank_of(best);
  switch (c.kind[choice.bank]) {
    case CandidateKind::act:
      choice.pick = Pick::act;
      break;
    case CandidateKind::pre:
      choice.pick = Pick::pre;
      break;
    default:
      choice.pick = Pick::column;
      break;
  }
  return choice;
}

CycleFlags ChannelController::State::flags(Cycle t) {
  CycleFlags f;
  f.queued = reads.size() + writes.size();
  const RequestQueue& queue = active();
  const std::uint64_t held = held_banks();
  f.held_by_pending_refresh = (queue.busy_banks() & held) != 0;
  const std::uint64_t live = queue.busy_banks() & ~held;
  for (std::uint64_t rest = refreshing; rest != 0; rest &= rest - 1) {
    const int b = __builtin_ctzll(rest);
    const Cycle until = banks.refresh_until(b);
    if (until <= t) {
      refreshing &= ~(std::uint64_t{1} << b);
    } else if (live >> b & 1) {
      f.refresh_until = std::max(f.refresh_until, until);
    }
  }
  if (!queue.empty()) {
    const QueuedRequest& oldest = queue.oldest();
    f.oldest_waits_for_row =
        !(banks.is_open(oldest.bank) && banks.open_row(oldest.bank) == oldest.row);
  }
  return f;
}

void ChannelController::State::issue(const Choice& choice, Cycle t) {
  const int bank = choice.bank;
  group_bound_stale = true;
  switch (choice.pick) {
    case Pick::none:
      return;
    case Pick::refresh_pre:
      banks.precharge(bank, t);
      bank_closed(bank);
      ++counters.precharges;
      record(CommandKind::PRE, bank, t);
      break;
    case Pick::refresh:
      ++refreshes_done;
      ++counters.refreshes;
      if (config.refresh == RefreshMode::per_bank) {
        banks.refresh_bank(bank, t);
        refreshing |= std::uint64_t{1} << bank;
        record(CommandKind::REFpb, bank, t);
        break;
      }
      banks.refresh_all(t);
      refreshing = org.banks() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << org.banks()) - 1;
      record(CommandKind::REFab, 0, t);
      for (int b = 0; b < org.banks(); ++b) update_candidates(b);
      return;
    case Pick::column:
      serve(bank, t);
      break;
    case Pick::act: {
      RequestQueue& queue = active();
      const std::uint32_t row = queue.head(bank).row;
      queue.mark_head(bank, RowCause::miss);
      banks.activate(bank, row, t);
      bank_opened(bank, row);
      ++counters.activates;
      record(CommandKind::ACT, bank, t, row);
      break;
    }
    case Pick::pre:
      active().mark_head(bank, RowCause::conflict);
      banks.precharge(bank, t);
      bank_closed(bank);
      ++counters.precharges;
      record(CommandKind::PRE, bank, t);
      break;
  }
  update_candidates(bank);
}

// The column command for the oldest request hitting `bank`'s open row.
void ChannelController::State::serve(int bank, Cycle t) {
  RequestQueue& queue = active();
  const bool auto_precharge = config.page_policy == PagePolicy::closed && queue.hits(bank) == 1;
  const QueuedRequest request = queue.take_oldest_hit(bank);
  const bool writing = write_mode;
  Cycle done = 0;
  CommandKind kind = CommandKind::RD;
  if (writing) {
    banks.write(bank, t, auto_precharge);
    done = t + static_cast<Cycle>(timing.CWL + timing.tBL);
    kind = auto_precharge ? CommandKind::WRA : CommandKind::WR;
    ++counters.writes;
  } else {
    banks.read(bank, t, auto_precharge);
    done = t + static_cast<Cycle>(timing.CL + timing.tBL);
    kind = auto_precharge ? CommandKind::RDA : CommandKind::RD;
    ++counters.reads;
  }
  if (auto_precharge) {
    bank_closed(bank);
    ++counters.precharges;
  }
  switch (request.cause) {
    case RowCause::none:
      ++counters.row_hits;
      break;
    case RowCause::miss:
      ++counters.row_misses;
      break;
    case RowCause::conflict:
      ++counters.row_conflicts;
      break;
  }
  counters.data_bus_busy += static_cast<Cycle>(timing.tBL);
  completions.push_back({request.id, done});
  last_completion = std::max(last_completion, done);
  record(kind, bank, t, request.row, request.column, request.id);
}

bool ChannelController::State::accept_arrival(Cycle t, int reads_at_start, int writes_at_start) {
  if (input.empty()) return false;
  const ChannelRequest& request = input.front();
  if (request.arrival > t) return false;
  if (request.is_write ? writes_at_start >= config.write_queue
                       : reads_at_start >= config.read_queue) {
    return false;
  }
  const int bank = request.bank_group * org.banks_per_group + request.bank;
  const bool hit = banks.is_open(bank) && banks.open_row(bank) == request.row;
  if (request.is_write) {
    writes.push(request, bank, next_seq++, hit);
    write_candidates.update(bank, writes, banks, true);
  } else {
    reads.push(request, bank, next_seq++, hit);
    read_candidates.update(bank, reads, banks, false);
  }
  if (request.is_write == write_mode) {
    command_bound = std::min(command_bound, candidate_ready(bank));
  }
  input.pop_front();
  return true;
}

bool ChannelController::State::next_mode(int reads_at_start, int writes_at_start) const {
  if (!write_mode) {
    return writes_at_start >= config.write_high || (reads_at_start == 0 && writes_at_start > 0);
  }
  return !(writes_at_start == 0 || (writes_at_start <= config.write_low && reads_at_start > 0));
}

// The first cycle from now at which the head of the input stream could be accepted, as long
// as the queues do not change.
Cycle ChannelController::State::next_arrival() const {
  if (input.empty()) return kNever;
  const ChannelRequest& request = input.front();
  if ((request.is_write ? writes : reads).full()) return kNever;
  return std::max(request.arrival, now);
}

// Books cycles [from, to), over which the state stays as it is at `from`.
void ChannelController::State::account(Cycle from, Cycle to) {
  if (cycle_flags_stale) {
    cycle_flags = flags(from);
    cycle_flags_stale = false;
  }
  const CycleFlags& f = cycle_flags;
  const Cycle span = to - from;
  counters.queue_occupancy_sum += static_cast<double>(f.queued) * static_cast<double>(span);
  if (f.oldest_waits_for_row) counters.conflict_blocked += span;
  if (f.held_by_pending_refresh) {
    counters.refresh_blocked += span;
  } else if (f.refresh_until > from) {
    counters.refresh_blocked += std::min(to, f.refresh_until) - from;
  }
}

void ChannelController::State::record(CommandKind kind, int bank, Cycle t, std::uint32_t row,
                                      std::uint32_t column, std::uint64_t request_id) {
  if (!recording) return;
  Command command;
  command.cycle = t;
  command.kind = kind;
  if (kind != CommandKind::REFab) {
    command.bank_group = bank / org.banks_per_group;
    command.bank = bank % org.banks_per_group;
  }
  command.row = row;
  command.column = column;
  command.request_id = request_id;
  log.push_back(command);
}

// The message for a request push() refuses, built only then: push is on the hot path.
void ChannelController::State::refuse(const ChannelRequest& request) const {
  const std::string which = "DRAM channel: request " + std::to_string(request.id) + " ";
  if (request.arrival < now) {
    throw std::invalid_argument(which + "arrives at cycle " + std::to_string(request.arrival) +
                                ", before the controller's current cycle " + std::to_string(now));
  }
  if (request.arrival < last_arrival) {
    throw std::invalid_argument(which + "arrives at cycle " + std::to_string(request.arrival) +
                                ", before the previous request's " + std::to_string(last_arrival) +
                                "; arrivals must not decrease");
  }
  throw std::invalid_argument(
      which + "addresses bank group " + std::to_string(request.bank_group) + ", bank " +
      std::to_string(request.bank) + ", row " + std::to_string(request.row) + ", column " +
      std::to_string(request.column) + "; the channel has " + std::to_string(org.bank_groups) +
      " bank groups of " + std::to_string(org.banks_per_group) + " banks, " +
      std::to_string(org.rows) + " rows and " + std::to_string(org.columns) + " columns");
}

ChannelController::ChannelController(const ChannelOrg& org, const DramTiming& timing,
                                     const ControllerConfig& config, Stepping stepping) {
  validate_channel(org, timing, config);
  state_ = std::make_unique<State>(org, timing, config, stepping);
}

ChannelController::~ChannelController() = default;

void ChannelController::push(const ChannelRequest& request) {
  State& s = *state_;
  const bool inside = request.bank_group >= 0 && request.bank_group < s.org.bank_groups &&
                      request.bank >= 0 && request.bank < s.org.banks_per_group &&
                      request.row < s.org.rows && request.column < s.org.columns;
  if (request.arrival < s.now || request.arrival < s.last_arrival || !inside) {
    s.refuse(request);
  }
  s.last_arrival = request.arrival;
  s.input.push_back(request);
}

void ChannelController::advance_to(Cycle cycle) { state_->run(cycle, false); }

Cycle ChannelController::drain() {
  State& s = *state_;
  s.run(kNever, true);
  if (s.last_completion > s.now) s.run(s.last_completion, false);
  return s.now;
}

Cycle ChannelController::now() const { return state_->now; }

bool ChannelController::idle() const {
  const State& s = *state_;
  return s.input.empty() && s.reads.empty() && s.writes.empty() && s.last_completion <= s.now;
}

std::vector<Completion> ChannelController::take_completions() {
  std::vector<Completion> taken;
  taken.swap(state_->completions);
  return taken;
}

void ChannelController::record_commands(bool on) { state_->recording = on; }

const std::vector<Command>& ChannelController::commands() const { return state_->log; }

const ChannelCounters& ChannelController::counters() const { return state_->counters; }

}  // namespace axsim::mem
