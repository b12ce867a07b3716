// Access latencies in cycles, kept in log-linear buckets: exact below 128 cycles, then 64
// buckets per power of two (under 1.6% relative error), so memory stays a few kilobytes however
// many accesses are recorded.
#pragma once

#include <cstdint>
#include <vector>

namespace axsim::mem {

class LatencyHistogram {
 public:
  void record(std::uint64_t cycles, double count = 1.0);
  // `count` accesses whose latencies are spread evenly over [low, high]: what a fast-mode
  // transfer knows about the accesses it does not schedule one by one.
  void record_uniform(std::uint64_t low, std::uint64_t high, double count);

  double count() const { return count_; }
  double mean() const { return count_ > 0 ? sum_ / count_ : 0.0; }
  // The smallest latency at or above which a fraction (1 - q) of the accesses lie, as the
  // middle of its bucket; 0 when nothing was recorded.
  double percentile(double q) const;

 private:
  static std::size_t bucket_of(std::uint64_t cycles);
  static std::uint64_t bucket_low(std::size_t bucket);
  static std::uint64_t bucket_width(std::size_t bucket);

  std::vector<double> counts_;
  double count_ = 0.0;
  double sum_ = 0.0;
};

}  // namespace axsim::mem
