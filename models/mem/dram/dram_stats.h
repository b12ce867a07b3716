// What a DRAM model has done since construction, in the one shape both modes fill (the
// detailed mode from its controllers' counters, the fast mode from its derivation), and the
// statistics and energy charged from it. docs/memory.md lists every statistic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/mem/dram/dram_spec.h"
#include "models/mem/dram/latency_histogram.h"

namespace axsim::core {
class EnergyLedger;
class StatGroup;
}  // namespace axsim::core

namespace axsim::mem {

struct UnitActivity {
  double reads = 0;   // bursts
  double writes = 0;  // bursts
};

struct DramActivity {
  std::vector<UnitActivity> units;  // one per controller, in AddressMap::unit order
  double activates = 0;
  double refreshes = 0;  // REFpb or REFab commands
  double row_hits = 0;
  double row_misses = 0;     // bank found closed
  double row_conflicts = 0;  // bank found open at another row
  // Summed over controllers, in cycles.
  double refresh_stall_cycles = 0;
  double conflict_stall_cycles = 0;
  double queue_occupancy_sum = 0;  // requests queued, summed over simulated cycles
  // Detailed: cycles each controller simulated (from 0 to its queues last emptied), summed;
  // fast: each controller's busy cycles (transfer start to the cycle after its last column).
  double simulated_cycles = 0;
  double busy_cycles = 0;  // time with a transfer in flight
  LatencyHistogram latency;          // cycles from arrival to data complete, frontend excluded

  explicit DramActivity(int units_count = 0) : units(static_cast<std::size_t>(units_count)) {}
  double reads() const;
  double writes() const;
};

void report_dram_activity(const DramSpec& spec, const DramActivity& activity,
                          core::StatGroup& stats);

// Charges the actions named in spec.energy: activate per ACT, read / write per bit moved in
// the array, io per bit over the interface, refresh per bank refreshed.
void charge_dram_energy(const DramSpec& spec, const DramActivity& activity,
                        core::EnergyLedger& ledger, const std::string& component,
                        const std::string& layer);

}  // namespace axsim::mem
