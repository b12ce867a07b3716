// Seeded request streams for the channel tests, already decoded to bank group, bank, row and
// column: sequential (consecutive bursts walk the bank groups, then the columns of a row),
// strided (chunks of consecutive bursts at a fixed stride), and random (uniform banks, rows
// from a small set so that hits, misses and conflicts all occur). Reads and writes mix at a
// chosen fraction; arrivals come in gaps around a mean, with occasional long pauses that
// make the controller skip idle stretches across refreshes.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::mem::test {

enum class Pattern { sequential, strided, random };

struct StreamSpec {
  Pattern pattern = Pattern::random;
  int count = 1000;
  double write_fraction = 0.0;
  int mean_gap = 2;             // cycles between arrivals, uniform in [0, 2 * mean_gap]
  std::uint32_t rows_used = 8;  // random: rows drawn from the first rows_used of a bank
  int stride_bursts = 72;       // strided: distance between chunk starts
  int chunk_bursts = 4;         // strided: consecutive bursts per chunk
  int pause_every = 300;        // on average, one pause per this many requests (0: none)
  int pause_cycles = 9000;      // a pause lasts up to this many cycles
  std::uint64_t seed = 1;
};

// Burst index -> address: bank group fastest, then column, bank, row.
inline ChannelRequest burst_request(const ChannelOrg& org, std::uint64_t burst) {
  ChannelRequest r;
  const auto groups = static_cast<std::uint64_t>(org.bank_groups);
  const auto per_group = static_cast<std::uint64_t>(org.banks_per_group);
  r.bank_group = static_cast<int>(burst % groups);
  burst /= groups;
  r.column = static_cast<std::uint32_t>(burst % org.columns);
  burst /= org.columns;
  r.bank = static_cast<int>(burst % per_group);
  burst /= per_group;
  r.row = static_cast<std::uint32_t>(burst % org.rows);
  return r;
}

inline std::vector<ChannelRequest> make_stream(const ChannelOrg& org, const StreamSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  auto uniform = [&rng](std::uint64_t n) {  // 0 .. n-1
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng);
  };
  std::bernoulli_distribution is_write(spec.write_fraction);
  const std::uint64_t start = uniform(1u << 20);
  std::vector<ChannelRequest> stream;
  stream.reserve(static_cast<std::size_t>(spec.count));
  Cycle arrival = 0;
  for (int i = 0; i < spec.count; ++i) {
    ChannelRequest r;
    const auto n = static_cast<std::uint64_t>(i);
    switch (spec.pattern) {
      case Pattern::sequential:
        r = burst_request(org, start + n);
        break;
      case Pattern::strided: {
        const auto chunk = static_cast<std::uint64_t>(spec.chunk_bursts);
        r = burst_request(
            org, start + n / chunk * static_cast<std::uint64_t>(spec.stride_bursts) + n % chunk);
        break;
      }
      case Pattern::random:
        r.bank_group = static_cast<int>(uniform(static_cast<std::uint64_t>(org.bank_groups)));
        r.bank = static_cast<int>(uniform(static_cast<std::uint64_t>(org.banks_per_group)));
        r.row = static_cast<std::uint32_t>(uniform(spec.rows_used));
        r.column = static_cast<std::uint32_t>(uniform(org.columns));
        break;
    }
    r.id = n;
    r.is_write = is_write(rng);
    if (spec.mean_gap > 0) arrival += uniform(2 * static_cast<std::uint64_t>(spec.mean_gap) + 1);
    if (spec.pause_every > 0 && uniform(static_cast<std::uint64_t>(spec.pause_every)) == 0) {
      arrival += uniform(static_cast<std::uint64_t>(spec.pause_cycles) + 1);
    }
    r.arrival = arrival;
    stream.push_back(r);
  }
  return stream;
}

}  // namespace axsim::mem::test
