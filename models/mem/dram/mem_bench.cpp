#include "models/mem/dram/mem_bench.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/mem/dram/dram_random.h"
#include "models/mem/dram/dram_system.h"

namespace axsim::mem {
namespace {

// The byte address of request `i` of a pattern; the device is wrapped around when a pattern
// runs past its end.
class Addresses {
 public:
  Addresses(const DramSpec& spec, const MemBenchOptions& options, BenchPattern pattern)
      : pattern_(pattern),
        burst_(spec.organization.burst_bytes),
        capacity_(spec.capacity_bytes()),
        chunk_bursts_(std::max<std::uint64_t>(1, options.chunk_bytes / burst_)),
        stride_(options.stride_bytes),
        state_(options.seed) {}

  std::uint64_t address(std::uint64_t i) {
    switch (pattern_) {
      case BenchPattern::sequential_read:
      case BenchPattern::sequential_write:
        return i * burst_ % capacity_;
      case BenchPattern::copy:
        // Two buffers, half the device apart: burst i / 2 is read, then written.
        return (i / 2 * burst_ + (i % 2 == 1 ? capacity_ / 2 : 0)) % capacity_;
      case BenchPattern::random_read:
        return splitmix64(state_) % (capacity_ / burst_) * burst_;
      case BenchPattern::strided_read:
        return (i / chunk_bursts_ * stride_ + i % chunk_bursts_ * burst_) % capacity_;
    }
    return 0;
  }
  bool is_write(std::uint64_t i) const {
    return pattern_ == BenchPattern::sequential_write || (pattern_ == BenchPattern::copy && i % 2 == 1);
  }

 private:
  BenchPattern pattern_;
  std::uint64_t burst_;
  std::uint64_t capacity_;
  std::uint64_t chunk_bursts_;
  std::uint64_t stride_;
  std::uint64_t state_;
};

void check(const MemBenchOptions& o) {
  if (o.patterns.empty()) throw std::invalid_argument("mem-bench: no access pattern to measure");
  if (o.loads.empty() && !o.saturation) throw std::invalid_argument("mem-bench: no offered load");
  for (double load : o.loads) {
    if (!(load > 0) || !std::isfinite(load)) {
      throw std::invalid_argument("mem-bench: offered loads must be positive fractions of peak");
    }
  }
  if (o.requests == 0) throw std::invalid_argument("mem-bench: no requests per point");
  const bool strided =
      std::find(o.patterns.begin(), o.patterns.end(), BenchPattern::strided_read) != o.patterns.end();
  if (strided && (o.chunk_bytes == 0 || o.stride_bytes < o.chunk_bytes)) {
    throw std::invalid_argument("mem-bench: strided_read needs 0 < chunk_bytes <= stride_bytes");
  }
}

// One point: `load` of peak, or every request at once when `load` is 0.
MemBenchRow measure(const DramSpec& spec, const MemBenchOptions& options, BenchPattern pattern,
                    double load) {
  const double burst = spec.organization.burst_bytes;
  const double peak_per_cycle = spec.peak_bandwidth().si / spec.clock.si;
  Addresses addresses(spec, options, pattern);
  std::vector<DramRequest> requests(options.requests);
  for (std::uint64_t i = 0; i < options.requests; ++i) {
    DramRequest& r = requests[i];
    r.address = addresses.address(i);
    r.is_write = addresses.is_write(i);
    r.arrival = load > 0 ? static_cast<Cycle>(std::floor(static_cast<double>(i) * burst /
                                                         (load * peak_per_cycle)))
                         : 0;
  }
  DramSystem system(spec);
  const std::vector<Cycle> done = system.run_requests(requests);

  MemBenchRow row;
  row.pattern = pattern;
  row.saturation = load == 0;
  row.offered_load = load;
  row.offered_bandwidth = spec.peak_bandwidth() * load;
  row.requests = options.requests;
  const Cycle last = *std::max_element(done.begin(), done.end());
  const double span_s = spec.cycles_to_time(static_cast<double>(last - requests.front().arrival)).si;
  row.achieved_bandwidth = core::bytes_per_second(burst * static_cast<double>(requests.size()) / span_s);
  row.achieved_fraction = row.achieved_bandwidth / spec.peak_bandwidth();

  std::vector<Cycle> latency(requests.size());
  double sum = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    latency[i] = done[i] - requests[i].arrival;
    sum += static_cast<double>(latency[i]);
  }
  const std::size_t p99 = (latency.size() * 99 + 99) / 100 - 1;
  std::nth_element(latency.begin(), latency.begin() + static_cast<std::ptrdiff_t>(p99), latency.end());
  row.latency_mean = spec.cycles_to_time(sum / static_cast<double>(latency.size())) + spec.frontend_latency;
  row.latency_p99 = spec.cycles_to_time(static_cast<double>(latency[p99])) + spec.frontend_latency;
  const DramActivity activity = system.activity();
  row.row_hit_rate = activity.row_hits / static_cast<double>(requests.size());
  return row;
}

}  // namespace

const char* bench_pattern_name(BenchPattern pattern) {
  switch (pattern) {
    case BenchPattern::sequential_read:
      return "sequential_read";
    case BenchPattern::sequential_write:
      return "sequential_write";
    case BenchPattern::copy:
      return "copy";
    case BenchPattern::random_read:
      return "random_read";
    case BenchPattern::strided_read:
      return "strided_read";
  }
  return "?";
}

std::vector<BenchPattern> all_bench_patterns() {
  return {BenchPattern::sequential_read, BenchPattern::sequential_write, BenchPattern::copy,
          BenchPattern::random_read, BenchPattern::strided_read};
}

std::optional<BenchPattern> parse_bench_pattern(const std::string& name) {
  for (BenchPattern pattern : all_bench_patterns()) {
    if (name == bench_pattern_name(pattern)) return pattern;
  }
  return std::nullopt;
}

core::Time unloaded_read_latency(const DramSpec& spec) {
  const DramTiming& t = spec.timing;
  return spec.cycles_to_time(1.0 + t.tRCDRD + t.CL + t.tBL) + spec.frontend_latency;
}

MemBenchResult run_mem_bench(const DramSpec& spec, const MemBenchOptions& options) {
  check(options);
  MemBenchResult result;
  result.memory = spec.name;
  result.peak_bandwidth = spec.peak_bandwidth();
  result.unloaded_read_latency_from_timing = unloaded_read_latency(spec);
  {
    DramSystem idle(spec);
    const std::vector<Cycle> done = idle.run_requests({DramRequest{0, 0, false}});
    result.unloaded_read_latency =
        spec.cycles_to_time(static_cast<double>(done.front())) + spec.frontend_latency;
  }
  for (BenchPattern pattern : options.patterns) {
    std::vector<double> loads = options.loads;
    std::sort(loads.begin(), loads.end());
    for (double load : loads) result.rows.push_back(measure(spec, options, pattern, load));
    if (options.saturation) result.rows.push_back(measure(spec, options, pattern, 0.0));
  }
  return result;
}

}  // namespace axsim::mem
