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
};

struct UnitTiming {
  Cycle first_data = 0;   // the first burst's data complete
  Cycle finish = 0;       // the last burst's data complete
  double activates = 0;   // ACTs for all of the unit's bursts
  double refreshes = 0;   // refresh commands while the unit was busy
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
