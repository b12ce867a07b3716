// The fast model's timing of one controller: its request stream taken a row visit (run) at a
// time, each visit's ACT, first and last column command derived from the timing rules of
// docs/dram-controller.md, in closed form per visit. docs/memory.md ("Fast mode") gives the
// derivation; docs/validation.md how close it comes to the detailed controller.
#pragma once

#include <cstdint>
#include <optional>

#include "models/mem/dram/dram_spec.h"
#include "models/mem/dram/fast_runs.h"

namespace axsim::mem {

// The rate a controller's stream settles to: what the schedule extends a long stream at.
struct SteadyState {
  double cycles_per_burst = 0;
  double activates_per_burst = 0;
  double misses_per_burst = 0;            // requests that found their bank closed
  double conflicts_per_burst = 0;         // requests that found another row open (PRE first)
  double conflict_stall_per_burst = 0;    // cycles the oldest request waited for its row
  double refresh_stall_per_burst = 0;     // cycles some queued request waited on a refresh
  double queued = 0;                      // requests queued (both queues), on average
};

struct UnitTiming {
  Cycle first_data = 0;   // the first burst's data complete
  Cycle finish = 0;       // the last burst's data complete
  double activates = 0;   // ACTs for all of the unit's bursts
  // Requests that needed their row opened, counted once each however often it was opened
  // (as the detailed controller marks them): found their bank closed, or open at another row.
  double misses = 0;
  double conflicts = 0;
  double refreshes = 0;   // refresh commands while the unit was busy
  // The statistics of the detailed controller (ChannelController::State::book), from
  // the same schedule; docs/memory.md ("Fast mode") gives each derivation.
  double conflict_stall_cycles = 0;  // the oldest request of the served queue had no open row
  double refresh_stall_cycles = 0;   // a queued request's bank was held or under refresh
  double queued_cycles = 0;          // requests queued (both queues), summed over cycles
  double busy_cycles = 0;            // from the start to the cycle after the last column
  std::optional<SteadyState> measured;  // when the schedule ran long enough to measure it
};

// Times one controller's share of a transfer: `read_bursts` reads whose runs `reads` yields
// and `write_bursts` writes from `writes`, offered at cycle `start` to a controller whose
// banks are closed. When both are given (a copy) they arrive alternately, a read then a write.
// A long stream is followed for two refresh cycles (the first settles, the second is the
// steady state; without refresh, 512 visits) and extended over the bursts left at the rate of
// the second, so the work does not grow with the transfer; a source that ends before its
// share (a bounded prefix) is extended the same way. With the steady state of a stream of the
// same shape already `known`, only the first quarter of a refresh cycle (128 visits without
// refresh) is followed, for the start, and the rest extended at the known rate.
UnitTiming schedule_unit(const DramSpec& spec, Cycle start, RunSource& reads,
                         std::uint64_t read_bursts, RunSource& writes, std::uint64_t write_bursts,
                         const SteadyState* known = nullptr);

}  // namespace axsim::mem
