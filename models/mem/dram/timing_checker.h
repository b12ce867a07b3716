// An independent referee for command logs: replays a log against the legality table of
// docs/dram-controller.md, rule by rule, as pairs of commands ("RD at least tRCDRD after the
// ACT of its bank"). It shares no code with the controller: it does not keep the
// controller's earliest-cycle registers, it looks back over the log itself. It checks
// - bank state: ACT to a closed bank, PRE to an open one, RD/WR to the open row, REFpb to a
//   closed bank, REFab with every bank closed;
// - every timing rule of the table, with RDA/WRA counting as a PRE at the first cycle an
//   explicit PRE would be legal (ACT + tRAS, and the tRTP or write recovery of every column
//   command to the row, the RDA/WRA included), and tFAW over the last four ACTs;
// - one command per cycle, in cycle order, inside the organisation;
// - with refresh on, that no bank goes more than refresh_interval_bound() cycles without a
//   REFpb of it or a REFab (from cycle 0, between refreshes, up to the log's last command).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

struct TimingViolation {
  std::size_t index = 0;  // position of the offending command in the log
  Command command;
  std::string rule;  // e.g. "tRCDRD (ACT to RD, same bank)", "bank open"
  // The cycle the rule asked for: the earliest legal cycle for a timing rule, the latest
  // allowed cycle for the refresh interval; 0 for bank-state and address rules.
  Cycle required = 0;
  std::string message;  // one readable line naming all of the above
};

// Longest stretch a bank may go without refresh: tREFI, plus how long the contract's
// controller may take to issue a refresh once due: closing the bank (its last ACT, RD or WR
// may have just issued: tRAS, tRTP or CWL + tBL + tWR), tRP, and for all-bank refresh one PRE
// per bank; or tRC after an ACT; or tRREFD after another bank's REFpb.
Cycle refresh_interval_bound(const ChannelOrg& org, const DramTiming& timing);

// The first violation in log order, or nothing when the log is legal.
std::optional<TimingViolation> check_command_log(const ChannelOrg& org, const DramTiming& timing,
                                                 RefreshMode refresh,
                                                 const std::vector<Command>& log);

}  // namespace axsim::mem
