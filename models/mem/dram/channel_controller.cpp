// The channel controller's cycle (docs/dram-controller.md): choosing, issuing and serving
// commands, accepting requests, the mode; and its public calls. Refresh and the stall
// statistics are in channel_refresh.cpp and channel_stalls.cpp.
#include "models/mem/dram/channel_controller.h"

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/mem/dram/channel_controller_state.h"
#include "models/mem/dram/channel_validation.h"

namespace axsim::mem {

// Simulates cycles [now, limit), or stops earlier once every request has left its queue.
// Each cycle runs the contract's steps. Between events nothing changes: no command is legal
// before command_bound, no request is accepted before arrival_bound, no refresh falls due
// and the mode holds, so skip_idle jumps to the first of these. The statistics of the
// cycles in between are booked at once, when the next cycle that may change the state
// begins. every_cycle evaluates the scheduler on every cycle instead.
void ChannelController::State::run(Cycle limit, bool stop_when_served) {
  const bool skip = stepping == Stepping::skip_idle;
  // The mode the queues as they are now ask for: the next cycle's step 4 uses it, since the
  // queues do not change between cycles.
  bool mode_due = next_mode(reads.size(), writes.size());
  while (now < limit) {
    if (stop_when_served && input.empty() && reads.empty() && writes.empty()) break;
    const Cycle t = now;
    if (next_refresh_due <= t) {
      book(t);
      while (next_refresh_due <= t) {
        ++refreshes_due;
        next_refresh_due += refresh_interval;
      }
      update_held();
      command_bound = t;
    }
    book(t + 1);
    if (t >= command_bound || !skip) decide(t);
    if (t >= arrival_bound) accept_arrival(t);
    if (mode_due != write_mode) {
      switch_mode(mode_due);
      command_bound = t + 1;
    }
    now = t + 1;
    mode_due = next_mode(reads.size(), writes.size());
    if (!skip) continue;
    if (stop_when_served && input.empty() && reads.empty() && writes.empty()) break;

    Cycle next = std::min({command_bound, arrival_bound, next_refresh_due});
    if (mode_due != write_mode) next = now;
    if (next == kNever && limit == kNever) {
      if (input.empty() && reads.empty() && writes.empty()) break;
      throw std::logic_error("DRAM channel controller: requests wait but nothing can happen");
    }
    now = std::max(now, std::min(next, limit));
  }
  book(now);
  counters.cycles = now;
  counters.queue_occupancy_sum = static_cast<double>(
      queued_cycles + static_cast<Cycle>(reads.size() + writes.size()) * booked_until);
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
  if (choice.pick > Pick::act) {  // a refresh or its PRE
    command_bound = t + 1;
    return true;
  }
  const std::uint64_t others = choice.legal_banks & ~(std::uint64_t{1} << choice.bank);
  if (others != 0) {
    // Another candidate was legal too. A PRE moves no other bank's bound, an ACT only the
    // other ACTs' (tRRD, tFAW) and a column command only the other column commands' (tCCD):
    // when the first other legal candidate is not of a kind the command moved, it is still
    // legal at t + 1. Otherwise the first ready cycle as the command left them, which is
    // t + 1 or earlier when one still is; the pending refresh's is as it was.
    const QueueCandidates& c = cands();
    const CandidateKind other = c.kind[__builtin_ctzll(others)];
    const bool moved = choice.pick != Pick::pre && other == static_cast<CandidateKind>(choice.pick);
    command_bound = moved ? std::min(choice.refresh_earliest, c.first_ready(org.banks())) : t + 1;
    return true;
  }
  // Only the issued command was legal: every other candidate's earliest cycle still holds,
  // and the issued bank has a new candidate.
  command_bound = std::min(choice.earliest, candidate_ready(choice.bank));
  return true;
}

// Changes the mode, and catches the queue it changes to up: every bound as it is now, at an
// epoch of now, and its stale banks' hit counts and candidates as the bank state is.
void ChannelController::State::switch_mode(bool to_writes) {
  write_mode = to_writes;
  active_queue = queue[to_writes];
  active_candidates = &candidates[to_writes];
  RequestQueue& q = active();
  QueueCandidates& c = cands();
  c.rebase(now, banks, held, all_banks & ~stale);
  for (std::uint64_t rest = stale; rest != 0; rest &= rest - 1) {
    const int b = __builtin_ctzll(rest);
    if (banks.is_open(b)) {
      q.bank_opened(b, banks.open_row(b));
    } else {
      q.bank_closed(b);
    }
    c.update(b, q, banks, held);
  }
  stale = 0;
}

// Earliest legal cycle of `bank`'s candidate in the active queue; kNever if it has none or
// is held by a refresh.
Cycle ChannelController::State::candidate_ready(int bank) const {
  return cands().ready_of(bank, banks, held);
}

// Step 2 of the contract's cycle: the head refresh if legal, else the oldest legal column
// command, else the oldest legal row command. One pass over the banks' candidates
// (QueueCandidates::scan) finds both and the earliest cycle at which any other becomes legal.
Choice ChannelController::State::choose(Cycle t) {
  Choice choice;
  if (refreshes_due > refreshes_done) choose_refresh(t, choice);

  QueueCandidates& c = cands();
  if (t - c.epoch >= QueueCandidates::kRebaseAfter) c.rebase(t, banks, held, all_banks);
  const QueueCandidates::Scan scan = c.scan(t, org.banks());
  choice.refresh_earliest = choice.earliest;
  choice.earliest = std::min(choice.earliest, scan.earliest);
  choice.legal_banks = scan.legal_banks;

  if (choice.pick != Pick::none || scan.legal_banks == 0) return choice;
  choice.bank = QueueCandidates::bank_of(scan.best);
  // The kind from the legal banks' kinds where they settle it, which the pass knows before
  // it knows the best priority: the branch on the command resolves sooner.
  if (scan.legal_columns != 0) {
    choice.pick = static_cast<Pick>(c.column_kind);
  } else if (scan.legal_acts == scan.legal_banks) {
    choice.pick = Pick::act;
  } else if (scan.legal_acts == 0) {
    choice.pick = Pick::pre;
  } else {
    choice.pick = static_cast<Pick>(QueueCandidates::kind_of(scan.best));
  }
  return choice;
}

void ChannelController::State::issue(const Choice& choice, Cycle t) {
  const int bank = choice.bank;
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
      update_held();
      ++counters.refreshes;
      if (config.refresh == RefreshMode::per_bank) {
        // Banks whose refresh has ended leave `refreshing` here, once per refresh.
        for (std::uint64_t rest = refreshing; rest != 0; rest &= rest - 1) {
          const int b = __builtin_ctzll(rest);
          if (banks.refresh_until(b) <= t) refreshing &= ~(std::uint64_t{1} << b);
        }
        banks.refresh_bank(bank, t);
        refreshing |= std::uint64_t{1} << bank;
        refresh_over = std::max(refresh_over, banks.refresh_until(bank));
        recount_waiting(refreshing & active().busy_banks());
        record(CommandKind::REFpb, bank, t);
        break;
      }
      banks.refresh_all(t);
      refreshing = all_banks;
      refresh_over = banks.refresh_until(0);
      recount_waiting(refreshing & active().busy_banks());
      record(CommandKind::REFab, 0, t);
      for (int b = 0; b < org.banks(); ++b) update_candidates(b);
      return;
    case Pick::read:
    case Pick::write:
      serve(bank, t);
      return;
    case Pick::act: {
      const QueuedRequest& head = active().open_for_head(bank);
      mark_stale(bank);
      banks.activate(bank, head.row, t);
      ++counters.activates;
      record(CommandKind::ACT, bank, t, head.row);
      // The bank's oldest request now hits the open row.
      QueueCandidates& c = cands();
      c.set(bank, c.column_kind, QueueCandidates::priority_of(c.column_kind, head.seq, bank), banks,
            held);
      regroup(CandidateKind::act, bank);
      return;
    }
    case Pick::pre: {
      const QueuedRequest& head = active().mark_head_conflict(bank);
      banks.precharge(bank, t);
      bank_closed(bank);
      ++counters.precharges;
      record(CommandKind::PRE, bank, t);
      // The bank's oldest request now waits for an ACT.
      cands().set(bank, CandidateKind::act,
                  QueueCandidates::priority_of(CandidateKind::act, head.seq, bank), banks, held);
      return;
    }
  }
  update_candidates(bank);
}

// The column command for the oldest request hitting `bank`'s open row.
void ChannelController::State::serve(int bank, Cycle t) {
  RequestQueue& queue = active();
  const bool auto_precharge = config.page_policy == PagePolicy::closed && queue.hits(bank) == 1;
  const QueuedRequest request = queue.take_oldest_hit(bank);
  queued_cycles += t + 1;  // queued up to this cycle
  // The head of the input may have waited for this slot: it may take it from t + 1.
  if (arrival_bound == kNever) rearm_arrival(t + 1);
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
  update_candidates(bank);
  regroup(cands().column_kind, bank);
  std::uint64_t* const by_cause[] = {&counters.row_hits, &counters.row_misses,
                                     &counters.row_conflicts};
  ++*by_cause[static_cast<int>(request.cause)];
  counters.data_bus_busy += static_cast<Cycle>(timing.tBL);
  completions.push_back({request.id, done});
  last_completion = std::max(last_completion, done);
  record(kind, bank, t, request.row, request.column, request.id);
}

// Accepts the head of the input at cycle t >= arrival_bound.
void ChannelController::State::accept_arrival(Cycle t) {
  const ChannelRequest& request = input.front();
  const int w = request.is_write ? 1 : 0;
  const int bank = request.bank_group * org.banks_per_group + request.bank;
  const bool hit = banks.is_open(bank) && banks.open_row(bank) == request.row;
  // A request behind others to its bank that does not hit leaves the bank's candidate (and
  // so command_bound) as it was: the candidate serves an older request.
  const bool new_candidate = (queue[w]->busy_banks() >> bank & 1) == 0 || hit;
  queue[w]->push(request, bank, next_seq++, hit);
  queued_cycles -= t + 1;  // queued from the next cycle on
  if (request.is_write == write_mode) {
    if (new_candidate) {
      cands().update(bank, active(), banks, held);
      command_bound = std::min(command_bound, candidate_ready(bank));
    }
  } else {
    // The hit count may be stale too; catching up recounts it.
    mark_stale(bank);
  }
  input.pop();
  rearm_arrival(t + 1);
}

bool ChannelController::State::next_mode(int reads_at_start, int writes_at_start) const {
  if (!write_mode) {
    return writes_at_start >= config.write_high || (reads_at_start == 0 && writes_at_start > 0);
  }
  return !(writes_at_start == 0 || (writes_at_start <= config.write_low && reads_at_start > 0));
}

// arrival_bound for the head of the input as it is now, with the queues as they are now,
// not before cycle `from`.
void ChannelController::State::rearm_arrival(Cycle from) {
  if (input.empty()) {
    arrival_bound = kNever;
    return;
  }
  const ChannelRequest& request = input.front();
  arrival_bound =
      queue[request.is_write ? 1 : 0]->full() ? kNever : std::max(request.arrival, from);
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
  const bool was_empty = s.input.empty();
  s.input.push(request);
  if (was_empty) s.rearm_arrival(s.now);
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
