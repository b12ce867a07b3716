// Seeded request streams for one DRAM channel: the stimuli the RTL cross-check runs through
// the Verilated controller and through mem::replay_channel(). A stream is a pure function of
// its spec (mt19937_64 is fully specified by the standard, and no std distribution is used),
// so the same spec gives the same requests on every platform.
#pragma once

#include <cstdint>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::hw {

enum class AccessPattern : std::uint8_t {
  sequential,  // consecutive bursts: a row's columns, then the next bank group, bank, row
  strided,     // every access to another bank, rows creeping forward: misses and conflicts
  random,      // uniform over a few rows of every bank: hits, misses and conflicts mixed
};

const char* pattern_name(AccessPattern pattern);

struct StreamSpec {
  AccessPattern pattern = AccessPattern::sequential;
  int write_percent = 0;  // share of writes, 0..100
  int requests = 0;
  int mean_gap = 0;  // cycles between arrivals, uniform in 0..2*mean_gap; 0: all at once
  std::uint64_t seed = 1;
};

// Linear burst address to coordinates, column bits lowest, then bank group, bank and row.
mem::ChannelRequest decode_burst(const mem::ChannelOrg& org, std::uint64_t burst);

// Ids 0, 1, 2, ... in arrival order; arrivals non-decreasing from cycle 0.
std::vector<mem::ChannelRequest> make_request_stream(const mem::ChannelOrg& org,
                                                     const StreamSpec& spec);

}  // namespace axsim::hw
