#include "hw/dram/dram_check.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "hw/dram/dram_rtl.h"
#include "models/mem/dram/timing_checker.h"

namespace axsim::hw {
namespace {

std::string describe(const mem::ChannelReplay& replay, std::size_t index) {
  if (index >= replay.commands.size()) return "nothing";
  return mem::to_string(replay.commands[index]);
}

mem::Cycle last_completion(const mem::ChannelReplay& replay) {
  return replay.completions.empty() ? 0 : replay.completions.back().cycle;
}

}  // namespace

std::string first_difference(const mem::ChannelReplay& rtl, const mem::ChannelReplay& model) {
  const std::size_t commands = std::max(rtl.commands.size(), model.commands.size());
  for (std::size_t i = 0; i < commands; ++i) {
    if (i < rtl.commands.size() && i < model.commands.size() &&
        rtl.commands[i] == model.commands[i]) {
      continue;
    }
    std::ostringstream out;
    out << "command " << i << ": rtl " << describe(rtl, i) << ", model " << describe(model, i);
    return out.str();
  }
  const std::size_t completions = std::max(rtl.completions.size(), model.completions.size());
  for (std::size_t i = 0; i < completions; ++i) {
    if (i < rtl.completions.size() && i < model.completions.size() &&
        rtl.completions[i].request_id == model.completions[i].request_id &&
        rtl.completions[i].cycle == model.completions[i].cycle) {
      continue;
    }
    std::ostringstream out;
    out << "completion " << i << ":";
    for (const auto& [side, replay] : {std::pair{"rtl", &rtl}, std::pair{"model", &model}}) {
      out << " " << side << " ";
      if (i < replay->completions.size()) {
        out << "request " << replay->completions[i].request_id << " at "
            << replay->completions[i].cycle;
      } else {
        out << "nothing";
      }
    }
    return out.str();
  }
  return "";
}

DramCheckRow run_dram_check(const DramCheckCase& check) {
  const mem::ControllerConfig config = dram_check_controller(check.page, check.refresh);
  const std::vector<mem::ChannelRequest> requests =
      make_request_stream(check.device.org, check.stream);
  const mem::ChannelReplay rtl =
      replay_channel_on_rtl(check.device.org, check.device.timing, config, requests);
  const mem::ChannelReplay model =
      mem::replay_channel(check.device.org, check.device.timing, config, requests);
  DramCheckRow row;
  row.device = check.device.name;
  row.pattern = pattern_name(check.stream.pattern);
  row.page = page_policy_name(check.page);
  row.refresh = refresh_mode_name(check.refresh);
  row.write_percent = check.stream.write_percent;
  row.mean_gap = check.stream.mean_gap;
  row.requests = check.stream.requests;
  row.rtl_commands = rtl.commands.size();
  row.model_commands = model.commands.size();
  row.rtl_last = last_completion(rtl);
  row.model_last = last_completion(model);
  row.commands_match = rtl.commands == model.commands;
  row.completions_match = rtl.completions.size() == model.completions.size();
  for (std::size_t i = 0; row.completions_match && i < rtl.completions.size(); ++i) {
    row.completions_match = rtl.completions[i].request_id == model.completions[i].request_id &&
                            rtl.completions[i].cycle == model.completions[i].cycle;
  }
  row.first_difference = first_difference(rtl, model);
  // Legality only: the checker's refresh-interval bound is a property of realistic
  // devices, not a rule of the contract, and the refresh-stress device exceeds it on purpose
  // (pending refreshes queue up behind tRREFD).
  if (const std::optional<mem::TimingViolation> violation = mem::check_command_log(
          check.device.org, check.device.timing, mem::RefreshMode::none, rtl.commands)) {
    row.rtl_violation = violation->message;
  }
  return row;
}

std::vector<DramCheckCase> dram_check_cases(std::uint64_t seed, int requests) {
  constexpr AccessPattern patterns[] = {AccessPattern::sequential, AccessPattern::strided,
                                        AccessPattern::random};
  constexpr int write_percents[] = {0, 30, 50, 100};
  constexpr mem::PagePolicy pages[] = {mem::PagePolicy::open, mem::PagePolicy::closed};
  constexpr mem::RefreshMode refreshes[] = {mem::RefreshMode::none, mem::RefreshMode::per_bank,
                                            mem::RefreshMode::all_bank};
  constexpr int mean_gaps[] = {0, 6};
  std::vector<DramCheckCase> cases;
  std::uint64_t stream_seed = seed;
  for (const DramCheckDevice& device : dram_check_devices()) {
    for (const AccessPattern pattern : patterns) {
      for (const int write_percent : write_percents) {
        for (const mem::PagePolicy page : pages) {
          for (const mem::RefreshMode refresh : refreshes) {
            for (const int mean_gap : mean_gaps) {
              // Distinct streams per case, still a pure function of the seed.
              cases.push_back({device,
                               {pattern, write_percent, requests, mean_gap, stream_seed++},
                               page,
                               refresh});
            }
          }
        }
      }
    }
  }
  return cases;
}

std::vector<DramCheckRow> run_dram_checks(std::uint64_t seed, int requests) {
  std::vector<DramCheckRow> rows;
  for (const DramCheckCase& check : dram_check_cases(seed, requests)) {
    rows.push_back(run_dram_check(check));
  }
  return rows;
}

}  // namespace axsim::hw
