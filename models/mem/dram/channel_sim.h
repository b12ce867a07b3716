// Replaying a request stream through one detailed-mode channel controller, all at once: the
// entry point the RTL cross-check and the timing checker share.
#pragma once

#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

struct Completion {
  std::uint64_t request_id = 0;
  Cycle cycle = 0;  // last data beat (reads) or write data accepted (writes)
};

struct ChannelReplay {
  std::vector<Command> commands;        // in issue order
  std::vector<Completion> completions;  // in completion order, ties by request id
};

// `requests` in non-decreasing arrival order. Runs until every request has completed.
ChannelReplay replay_channel(const ChannelOrg& org, const DramTiming& timing,
                             const ControllerConfig& config,
                             const std::vector<ChannelRequest>& requests);

}  // namespace axsim::mem
