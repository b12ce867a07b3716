// The DRAM controller cross-check behind `axsim rtl-check`: seeded request streams through
// the Verilated controller (hw/rtl/dram_channel.sv) and through mem::replay_channel(), whose
// command logs and completion cycles must be equal, command for command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hw/dram/dram_devices.h"
#include "hw/dram/dram_streams.h"
#include "models/mem/dram/channel_sim.h"

namespace axsim::hw {

struct DramCheckCase {
  DramCheckDevice device;
  StreamSpec stream;
  mem::PagePolicy page = mem::PagePolicy::open;
  mem::RefreshMode refresh = mem::RefreshMode::none;
};

struct DramCheckRow {
  std::string device, pattern, page, refresh;
  int write_percent = 0;
  int mean_gap = 0;
  int requests = 0;
  std::size_t rtl_commands = 0, model_commands = 0;
  mem::Cycle rtl_last = 0, model_last = 0;  // last completion cycle
  bool commands_match = false;
  bool completions_match = false;
  std::string first_difference;  // empty when both match
  // The RTL's log against mem::check_command_log(), the independent referee of the
  // legality table (its refresh-interval bound left out): empty when legal, else the first
  // violation.
  std::string rtl_violation;

  bool agrees() const { return commands_match && completions_match && rtl_violation.empty(); }
};

// The first place two replays part ("" when they are equal): the command index and cycle,
// and both sides' command, or the first differing completion.
std::string first_difference(const mem::ChannelReplay& rtl, const mem::ChannelReplay& model);

DramCheckRow run_dram_check(const DramCheckCase& check);

// Every device x pattern x write mix (0, 30, 50, 100 %) x page policy x refresh mode, at two
// loads: all requests at cycle 0 (queues full, back-pressure) and arrivals every 0..12
// cycles (queues running empty). Same seed, same cases.
std::vector<DramCheckCase> dram_check_cases(std::uint64_t seed, int requests);

std::vector<DramCheckRow> run_dram_checks(std::uint64_t seed, int requests);

}  // namespace axsim::hw
