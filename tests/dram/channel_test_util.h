// Small builders and log queries shared by the channel tests.
#pragma once

#include <cstdint>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::mem::test {

inline ChannelRequest request(std::uint64_t id, Cycle arrival, bool is_write, int bank_group,
                              int bank, std::uint32_t row, std::uint32_t column = 0) {
  ChannelRequest r;
  r.id = id;
  r.arrival = arrival;
  r.is_write = is_write;
  r.bank_group = bank_group;
  r.bank = bank;
  r.row = row;
  r.column = column;
  return r;
}

inline ChannelRequest read(std::uint64_t id, Cycle arrival, int bank_group, int bank,
                           std::uint32_t row, std::uint32_t column = 0) {
  return request(id, arrival, false, bank_group, bank, row, column);
}

inline ChannelRequest write(std::uint64_t id, Cycle arrival, int bank_group, int bank,
                            std::uint32_t row, std::uint32_t column = 0) {
  return request(id, arrival, true, bank_group, bank, row, column);
}

inline ControllerConfig controller_config(PagePolicy page, RefreshMode refresh) {
  ControllerConfig config;
  config.page_policy = page;
  config.refresh = refresh;
  return config;
}

inline std::vector<Command> only(const std::vector<Command>& log, CommandKind kind) {
  std::vector<Command> picked;
  for (const Command& c : log) {
    if (c.kind == kind) picked.push_back(c);
  }
  return picked;
}

inline bool is_column(CommandKind kind) {
  return kind == CommandKind::RD || kind == CommandKind::WR || kind == CommandKind::RDA ||
         kind == CommandKind::WRA;
}

inline std::vector<Command> column_commands(const std::vector<Command>& log) {
  std::vector<Command> picked;
  for (const Command& c : log) {
    if (is_column(c.kind)) picked.push_back(c);
  }
  return picked;
}

constexpr PagePolicy kPagePolicies[] = {PagePolicy::open, PagePolicy::closed};
constexpr RefreshMode kRefreshModes[] = {RefreshMode::none, RefreshMode::per_bank,
                                         RefreshMode::all_bank};

}  // namespace axsim::mem::test
