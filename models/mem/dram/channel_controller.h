// One detailed-mode DRAM channel controller: FR-FCFS over read and write queues with write
// drain, open- or closed-page, refresh, and every timing constraint of DramTiming, exactly as
// docs/dram-controller.md defines them. Plain C++ (no SystemC): the TLM targets and the
// system model drive it. It skips idle cycles but issues the same commands at the same
// cycles as a cycle-by-cycle implementation (the RTL cross-check holds it to that).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/mem/dram/channel_sim.h"
#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

// Running totals since construction.
struct ChannelCounters {
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t activates = 0;
  std::uint64_t precharges = 0;       // explicit PRE plus auto-precharges
  std::uint64_t refreshes = 0;        // REFpb or REFab commands
  std::uint64_t row_hits = 0;         // requests served without an ACT of their own
  std::uint64_t row_misses = 0;       // requests that found their bank closed
  std::uint64_t row_conflicts = 0;    // requests that found another row open
  Cycle data_bus_busy = 0;            // cycles the data bus carried bursts
  Cycle refresh_blocked = 0;          // cycles some request waited on a bank under refresh
  Cycle conflict_blocked = 0;         // cycles the oldest request waited on PRE/ACT for its row
  double queue_occupancy_sum = 0.0;   // sum over cycles of queued requests (reads + writes)
  Cycle cycles = 0;                   // cycles simulated
};

// How the controller walks through time. Both issue the same commands at the same cycles;
// every_cycle evaluates each cycle in turn and exists so tests can hold skip_idle to that.
enum class Stepping : std::uint8_t { skip_idle, every_cycle };

class ChannelController {
 public:
  // Throws std::invalid_argument when the three do not describe a runnable channel
  // (validate_channel in channel_validation.h).
  ChannelController(const ChannelOrg& org, const DramTiming& timing,
                    const ControllerConfig& config, Stepping stepping = Stepping::skip_idle);
  ~ChannelController();
  ChannelController(const ChannelController&) = delete;
  ChannelController& operator=(const ChannelController&) = delete;

  // Appends to the input stream. Arrivals must not decrease and must not lie before now();
  // the address must lie inside the organisation (std::invalid_argument otherwise).
  void push(const ChannelRequest& request);
  // Simulates every cycle before `cycle`; afterwards now() == max(now(), cycle).
  void advance_to(Cycle cycle);
  // Simulates until every pushed request has completed; returns the last completion cycle
  // (now() when nothing was pending).
  Cycle drain();
  Cycle now() const;
  bool idle() const;  // no request waiting, queued or with data still in flight

  // Requests whose RD/WR has issued since the last call, with their completion cycles.
  std::vector<Completion> take_completions();

  void record_commands(bool on);
  const std::vector<Command>& commands() const;  // when recording, in issue order
  const ChannelCounters& counters() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace axsim::mem
