// The bandwidth-latency sweep behind `axsim mem-bench`: for each access pattern and offered
// load, a seeded stream of burst-sized requests arriving at that rate runs through the
// detailed model, and the achieved bandwidth and the latency distribution are recorded. The
// curve shows where a device saturates and what latency costs near the peak.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/core/units.h"
#include "models/mem/dram/dram_spec.h"

namespace axsim::mem {

enum class BenchPattern : std::uint8_t {
  sequential_read,
  sequential_write,
  copy,          // reads one buffer and writes another, burst by burst: half reads, half writes
  random_read,   // uniformly random bursts over the whole device
  strided_read,  // chunk_bytes every stride_bytes
};

const char* bench_pattern_name(BenchPattern pattern);
std::optional<BenchPattern> parse_bench_pattern(const std::string& name);
std::vector<BenchPattern> all_bench_patterns();

struct MemBenchOptions {
  std::vector<BenchPattern> patterns = all_bench_patterns();
  // Offered loads as fractions of peak bandwidth; each becomes a fixed arrival rate.
  std::vector<double> loads = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
  bool saturation = true;  // one more point per pattern with every request offered at once
  std::uint64_t requests = std::uint64_t{1} << 16;  // bursts per point
  std::uint64_t seed = 1;
  std::uint64_t chunk_bytes = 256;    // strided_read
  std::uint64_t stride_bytes = 4096;  // strided_read
};

struct MemBenchRow {
  BenchPattern pattern = BenchPattern::sequential_read;
  bool saturation = false;
  double offered_load = 0;  // fraction of peak; 0 for the saturation point
  core::Bandwidth offered_bandwidth;
  core::Bandwidth achieved_bandwidth;  // bytes over first arrival to last data
  double achieved_fraction = 0;        // of peak
  core::Time latency_mean;             // arrival to data complete, frontend included
  core::Time latency_p99;
  double row_hit_rate = 0;
  std::uint64_t requests = 0;
};

struct MemBenchResult {
  std::string memory;  // the preset's name
  core::Bandwidth peak_bandwidth;
  // One read to an idle device, measured, and the same from the timing: one cycle for the
  // controller to take the request, then tRCDRD + CL + tBL, plus frontend_latency.
  core::Time unloaded_read_latency;
  core::Time unloaded_read_latency_from_timing;
  std::vector<MemBenchRow> rows;  // by pattern, then rising load, saturation last
};

// The unloaded read latency as the timing gives it (see MemBenchResult).
core::Time unloaded_read_latency(const DramSpec& spec);

// std::invalid_argument for options that describe no measurement (no pattern, a load that is
// not positive, no requests, a strided pattern without a chunk or with stride < chunk).
MemBenchResult run_mem_bench(const DramSpec& spec, const MemBenchOptions& options);

}  // namespace axsim::mem
