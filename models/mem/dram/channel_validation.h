// Checks that an organisation, a timing set and controller settings describe a channel the
// controller can run: sizes positive, timings non-negative, watermarks ordered, and a refresh
// schedule that can keep up (otherwise pending refreshes would pile up without end).
#pragma once

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

// The controller keeps one bit per bank in a 64-bit mask.
inline constexpr int kMaxBanksPerChannel = 64;

// Throws std::invalid_argument naming the first bad parameter and what it must satisfy.
void validate_channel(const ChannelOrg& org, const DramTiming& timing,
                      const ControllerConfig& config);

// Cycles between two refreshes becoming due: tREFI (all-bank) or floor(tREFI / banks)
// (per-bank); 0 when the mode never refreshes.
Cycle refresh_due_interval(const ChannelOrg& org, const DramTiming& timing, RefreshMode mode);

}  // namespace axsim::mem
