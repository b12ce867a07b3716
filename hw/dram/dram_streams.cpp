#include "hw/dram/dram_streams.h"

#include <random>

namespace axsim::hw {
namespace {

// Rows per bank the random pattern spreads over: few enough that requests meet open rows.
constexpr std::uint64_t kRandomRows = 8;

}  // namespace

const char* pattern_name(AccessPattern pattern) {
  switch (pattern) {
    case AccessPattern::sequential:
      return "sequential";
    case AccessPattern::strided:
      return "strided";
    case AccessPattern::random:
      return "random";
  }
  return "?";
}

mem::ChannelRequest decode_burst(const mem::ChannelOrg& org, std::uint64_t burst) {
  mem::ChannelRequest request;
  request.column = static_cast<std::uint32_t>(burst % org.columns);
  burst /= org.columns;
  request.bank_group = static_cast<int>(burst % static_cast<std::uint64_t>(org.bank_groups));
  burst /= static_cast<std::uint64_t>(org.bank_groups);
  request.bank = static_cast<int>(burst % static_cast<std::uint64_t>(org.banks_per_group));
  burst /= static_cast<std::uint64_t>(org.banks_per_group);
  request.row = static_cast<std::uint32_t>(burst % org.rows);
  return request;
}

std::vector<mem::ChannelRequest> make_request_stream(const mem::ChannelOrg& org,
                                                     const StreamSpec& spec) {
  std::mt19937_64 engine(spec.seed);
  // One row of every bank: the bursts between two consecutive rows of one bank.
  const std::uint64_t stripe = std::uint64_t{org.columns} * static_cast<std::uint64_t>(org.banks());
  const std::uint64_t base = (engine() % org.rows) * stripe;
  // Next bank group and next bank every step, and the next column, so no two neighbours
  // share a bank and rows advance every few steps.
  const std::uint64_t stride = (static_cast<std::uint64_t>(org.bank_groups) + 1) * org.columns + 1;
  std::vector<mem::ChannelRequest> stream;
  stream.reserve(static_cast<std::size_t>(spec.requests));
  mem::Cycle arrival = 0;
  for (int i = 0; i < spec.requests; ++i) {
    const auto index = static_cast<std::uint64_t>(i);
    std::uint64_t burst = base;
    switch (spec.pattern) {
      case AccessPattern::sequential:
        burst += index;
        break;
      case AccessPattern::strided:
        burst += index * stride;
        break;
      case AccessPattern::random:
        burst += engine() % (kRandomRows * stripe);
        break;
    }
    mem::ChannelRequest request = decode_burst(org, burst);
    request.id = index;
    request.is_write = static_cast<int>(engine() % 100) < spec.write_percent;
    if (spec.mean_gap > 0)
      arrival += engine() % (2 * static_cast<std::uint64_t>(spec.mean_gap) + 1);
    request.arrival = arrival;
    stream.push_back(request);
  }
  return stream;
}

}  // namespace axsim::hw
