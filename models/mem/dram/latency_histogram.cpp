#include "models/mem/dram/latency_histogram.h"

#include <algorithm>

namespace axsim::mem {
namespace {

constexpr int kSubBits = 6;                           // 64 buckets per power of two
constexpr std::uint64_t kExact = 2u << kSubBits;      // values below this have their own bucket
constexpr std::uint64_t kSub = std::uint64_t{1} << kSubBits;

int highest_bit(std::uint64_t v) { return 63 - __builtin_clzll(v); }

}  // namespace

std::size_t LatencyHistogram::bucket_of(std::uint64_t cycles) {
  if (cycles < kExact) return static_cast<std::size_t>(cycles);
  const int msb = highest_bit(cycles);
  const int shift = msb - kSubBits;
  return static_cast<std::size_t>(kExact + (msb - kSubBits - 1) * kSub + ((cycles >> shift) - kSub));
}

std::uint64_t LatencyHistogram::bucket_low(std::size_t bucket) {
  if (bucket < kExact) return bucket;
  const std::uint64_t octave = (bucket - kExact) / kSub;
  const std::uint64_t sub = (bucket - kExact) % kSub;
  return (kSub + sub) << (octave + 1);
}

std::uint64_t LatencyHistogram::bucket_width(std::size_t bucket) {
  if (bucket < kExact) return 1;
  return std::uint64_t{1} << ((bucket - kExact) / kSub + 1);
}

void LatencyHistogram::record(std::uint64_t cycles, double count) {
  if (count <= 0) return;
  const std::size_t bucket = bucket_of(cycles);
  if (bucket >= counts_.size()) counts_.resize(bucket + 1, 0.0);
  counts_[bucket] += count;
  count_ += count;
  sum_ += static_cast<double>(cycles) * count;
}

void LatencyHistogram::record_uniform(std::uint64_t low, std::uint64_t high, double count) {
  if (count <= 0) return;
  if (high <= low) {
    record(low, count);
    return;
  }
  const double span = static_cast<double>(high - low + 1);
  const std::size_t last = bucket_of(high);
  if (last >= counts_.size()) counts_.resize(last + 1, 0.0);
  for (std::size_t b = bucket_of(low); b <= last; ++b) {
    const std::uint64_t from = std::max(low, bucket_low(b));
    const std::uint64_t to = std::min(high, bucket_low(b) + bucket_width(b) - 1);
    counts_[b] += count * static_cast<double>(to - from + 1) / span;
  }
  count_ += count;
  sum_ += count * (static_cast<double>(low) + static_cast<double>(high)) / 2.0;
}

double LatencyHistogram::percentile(double q) const {
  if (count_ <= 0) return 0.0;
  const double target = q * count_;
  double seen = 0.0;
  for (std::size_t b = 0; b < counts_.size(); ++b) {
    seen += counts_[b];
    if (seen >= target && counts_[b] > 0) {
      return static_cast<double>(bucket_low(b)) + static_cast<double>(bucket_width(b) - 1) / 2.0;
    }
  }
  const std::size_t last = counts_.size() - 1;
  return static_cast<double>(bucket_low(last)) + static_cast<double>(bucket_width(last) - 1) / 2.0;
}

}  // namespace axsim::mem
