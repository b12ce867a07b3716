// The channel controller's stall statistics, booked lazily over the cycles between events:
// the oldest request's row conflict, and requests held back by or waiting for a refresh.

#include <algorithm>
#include <cstdint>

#include "models/mem/dram/channel_controller_state.h"

namespace axsim::mem {

// Books cycles [booked_until, until), over which the state stayed as it is now: called
// before anything changes it.
void ChannelController::State::book(Cycle until) {
  if (until <= booked_until) return;
  const Cycle span = until - booked_until;
  const RequestQueue& queue = active();
  if (!queue.empty()) {
    const int bank = queue.oldest_bank();
    const bool blocked = !banks.is_open(bank) | (banks.open_row(bank) != queue.oldest_row());
    counters.conflict_blocked += span & -static_cast<Cycle>(blocked);
  }
  if ((refreshing | held) != 0) book_refresh(until);
  booked_until = until;
}

// The refresh part of booking [booked_until, until): cycles in which an active request is
// held back by a pending refresh, or wants a bank still inside its tRFCpb / tRFC.
void ChannelController::State::book_refresh(Cycle until) {
  const Cycle from = booked_until;
  const std::uint64_t busy = active().busy_banks();
  if (from >= refresh_over) refreshing = 0;
  // A bank whose refresh ended before `from` adds nothing, so `refreshing` need not be exact.
  const std::uint64_t waiting = refreshing & busy;
  if (waiting != waiting_banks) recount_waiting(waiting);
  const Cycle blocked_until =
      (busy & held) != 0 ? until : std::min(until, std::max(from, waiting_until));
  counters.refresh_blocked += blocked_until - from;
}

// The latest end of refresh among `waiting` banks, kept until they change or a refresh issues.
void ChannelController::State::recount_waiting(std::uint64_t waiting) {
  waiting_banks = waiting;
  waiting_until = 0;
  for (std::uint64_t rest = waiting; rest != 0; rest &= rest - 1) {
    waiting_until = std::max(waiting_until, banks.refresh_until(__builtin_ctzll(rest)));
  }
}

}  // namespace axsim::mem
