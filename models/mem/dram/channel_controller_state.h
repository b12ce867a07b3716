// The state of a ChannelController and the steps of its cycle, shared by the files that
// implement them: channel_controller.cpp (the cycle, the commands, the public calls),
// channel_refresh.cpp (which refresh is due and which banks it holds back) and
// channel_stalls.cpp (booking the stall statistics between events). Private to the library.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/mem/dram/bank_state.h"
#include "models/mem/dram/channel_candidates.h"
#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/channel_queue.h"
#include "models/mem/dram/input_stream.h"

namespace axsim::mem::channel {

inline constexpr Cycle kNever = std::numeric_limits<Cycle>::max();

// A request command has its candidate's kind, so that the best candidate names it.
enum class Pick : std::uint8_t { read, write, pre, act, none, refresh_pre, refresh };
static_assert(static_cast<int>(Pick::read) == static_cast<int>(CandidateKind::read) &&
              static_cast<int>(Pick::write) == static_cast<int>(CandidateKind::write) &&
              static_cast<int>(Pick::pre) == static_cast<int>(CandidateKind::pre) &&
              static_cast<int>(Pick::act) == static_cast<int>(CandidateKind::act) &&
              static_cast<int>(Pick::none) == static_cast<int>(CandidateKind::none));

// The command chosen for one cycle. `legal_banks` are the banks whose request candidates are
// legal now; while fewer than two are, `earliest` is the first cycle at which a candidate
// that is not legal now may become legal (kNever if none).
struct Choice {
  Pick pick = Pick::none;
  int bank = 0;
  Cycle earliest = kNever;
  std::uint64_t legal_banks = 0;
  Cycle refresh_earliest = kNever;  // the pending refresh's part of `earliest`
};

}  // namespace axsim::mem::channel

namespace axsim::mem {

using channel::Choice;
using channel::kNever;
using channel::Pick;

struct ChannelController::State {
  State(const ChannelOrg& o, const DramTiming& t, const ControllerConfig& c, Stepping s)
      : org(o),
        timing(t),
        config(c),
        stepping(s),
        banks(o, t),
        reads(c.read_queue, o.banks()),
        writes(c.write_queue, o.banks()),
        queue{&reads, &writes},
        all_banks(o.banks() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << o.banks()) - 1),
        refresh_interval(refresh_due_interval(o, t, c.refresh)),
        next_refresh_due(refresh_interval > 0 ? refresh_interval : kNever),
        candidates{QueueCandidates(CandidateKind::read), QueueCandidates(CandidateKind::write)} {}

  ChannelOrg org;
  DramTiming timing;
  ControllerConfig config;
  Stepping stepping;
  BankState banks;
  RequestQueue reads;
  RequestQueue writes;
  // Indexed by is_write, so that choosing a request's queue is not a branch.
  std::array<RequestQueue*, 2> queue;
  std::uint64_t all_banks;  // bit b set for every bank of the channel
  InputStream input;
  // The first cycle at which the head of the input may be accepted: its arrival, but not
  // before the cycle after the last acceptance, and never while the input is empty or the
  // head's queue is full (a slot freed at cycle t counts from t + 1, since acceptance reads
  // the queue as it was when the cycle began).
  Cycle arrival_bound = kNever;
  Cycle last_arrival = 0;
  std::uint64_t next_seq = 0;
  bool write_mode = false;
  Cycle now = 0;

  // Refresh k (k = 1, 2, ...) falls due at k * refresh_interval; 0 means refresh is off, and
  // then the next refresh is due never.
  Cycle refresh_interval;
  Cycle next_refresh_due;
  std::uint64_t refreshes_due = 0;
  std::uint64_t refreshes_done = 0;
  std::uint64_t refreshing = 0;  // banks that may still be inside tRFCpb / tRFC
  Cycle refresh_over = 0;        // every bank in `refreshing` is out of its refresh by then
  // The banks of `refreshing` the active queue has requests for, as last booked, and the
  // latest end of their refreshes (recount_waiting).
  std::uint64_t waiting_banks = 0;
  Cycle waiting_until = 0;
  std::uint64_t held = 0;  // banks whose requests the pending head refresh holds back

  std::array<QueueCandidates, 2> candidates;  // by is_write
  // The queue of the current mode and its candidates.
  RequestQueue* active_queue = &reads;
  QueueCandidates* active_candidates = &candidates[0];
  // Banks whose hit count and candidate in the inactive queue have not followed the bank
  // state or its requests. Only the active queue is kept up to date command by command; the
  // other catches up when the mode changes to it, so it alone ever has stale banks.
  std::uint64_t stale = 0;
  // No command can be legal before this cycle: commands only push earliest cycles later,
  // so the earliest cycle seen when choosing stays a lower bound until a request arrives
  // (then its bank's candidate is folded in), a refresh falls due or issues, or the mode
  // changes (then it drops to the current cycle).
  Cycle command_bound = 0;
  // The statistics are booked up to here; the state has not changed since.
  Cycle booked_until = 0;
  // Cycles the requests served so far spent queued, less the cycle after its acceptance for
  // each request still queued (modulo 2^64): adding booked_until once per queued request
  // gives the requests queued summed over the booked cycles.
  Cycle queued_cycles = 0;

  std::vector<Completion> completions;
  Cycle last_completion = 0;
  bool recording = false;
  std::vector<Command> log;
  ChannelCounters counters;

  RequestQueue& active() { return *active_queue; }
  const RequestQueue& active() const { return *active_queue; }
  QueueCandidates& cands() { return *active_candidates; }
  const QueueCandidates& cands() const { return *active_candidates; }

  void run(Cycle limit, bool stop_when_served);
  bool decide(Cycle t);
  Choice choose(Cycle t);
  void choose_refresh(Cycle t, Choice& choice);
  void update_held();
  void switch_mode(bool to_writes);
  Cycle candidate_ready(int bank) const;
  void book_refresh(Cycle until);
  void recount_waiting(std::uint64_t waiting);
  void issue(const Choice& choice, Cycle t);
  void serve(int bank, Cycle t);
  void accept_arrival(Cycle t);
  bool next_mode(int reads_at_start, int writes_at_start) const;
  void rearm_arrival(Cycle from);
  void book(Cycle until);
  [[noreturn]] void refuse(const ChannelRequest& request) const;
  void record(CommandKind kind, int bank, Cycle t, std::uint32_t row = 0, std::uint32_t column = 0,
              std::uint64_t request_id = 0);
  // After a command to `bank`: its hit count and candidate in the active queue; the other
  // queue's go stale.
  void mark_stale(int bank) { stale |= std::uint64_t{1} << bank; }
  void bank_closed(int bank) {
    active().bank_closed(bank);
    mark_stale(bank);
  }
  void update_candidates(int bank) {
    cands().update(bank, active(), banks, held);
    mark_stale(bank);
  }
  // After a command to `bank` moved the bank-group bounds of a kind: the active candidates'
  // group parts of that kind. (An ACT moves the ACT bounds; a RD or WR moves the RD and WR
  // bounds, but the active queue's column candidates are all RDs or all WRs; the other
  // queue's catch up when the mode changes.)
  void regroup(CandidateKind kind, int bank) { cands().regroup(kind, banks.group_of(bank), banks); }
};

}  // namespace axsim::mem
