// The Verilated DRAM channel controller (hw/rtl/dram_channel.sv) behind the same interface
// as mem::replay_channel(). Verilated headers stay inside dram_rtl.cpp, so this header is
// safe to include next to <systemc>.
#pragma once

#include <cstdint>
#include <vector>

#include "models/mem/dram/channel_sim.h"
#include "models/mem/dram/dram_types.h"

namespace axsim::hw {

// What the controller was verilated for (its parameters and port widths).
struct DramRtlLimits {
  int bank_groups;        // at most, per channel
  int banks_per_group;    // at most
  int queue_depth;        // at most, read and write queue each
  std::uint32_t rows;     // row indices below this fit the row port
  std::uint32_t columns;  // column indices below this fit the column port
  int max_timing;         // largest value of any timing parameter, in cycles
};

DramRtlLimits dram_rtl_limits();

// Runs `requests` (non-decreasing arrival) through the RTL one clock at a time, presenting
// the head of the stream from its arrival cycle on, until every request has completed.
// Commands are logged with the cycle they were on the command port; completions are derived
// from the RD/WR cycles (t + CL + tBL, t + CWL + tBL), in completion order, ties by request id.
// Throws std::invalid_argument when the org, timing, config or a request does not fit
// dram_rtl_limits(), std::runtime_error when queued requests see no command for a long time.
mem::ChannelReplay replay_channel_on_rtl(const mem::ChannelOrg& org, const mem::DramTiming& timing,
                                         const mem::ControllerConfig& config,
                                         const std::vector<mem::ChannelRequest>& requests);

}  // namespace axsim::hw
