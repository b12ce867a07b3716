#include "models/mem/dram/fast_model.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "models/mem/dram/burst_stream.h"
#include "models/mem/dram/fast_runs.h"

namespace axsim::mem {
namespace {

// Chunks of a strided transfer one controller's walk may cover, whatever the transfer's size:
// the schedule needs two refresh cycles of one controller, far fewer bursts than these.
constexpr std::uint64_t kMaxChunksWalked = std::uint64_t{1} << 16;
// Controllers timed per strided, random or copy transfer: enough to see streams that differ
// from one controller to the next with a short period, and the spread of random ones.
constexpr std::size_t kUnitsTimed = 4;
// Bursts counted to find each controller's share of a strided or random transfer.
constexpr std::uint64_t kShareSample = std::uint64_t{1} << 16;

Transfer moved_to(const Transfer& transfer, std::uint64_t address) {
  Transfer moved = transfer;
  moved.address = address;
  return moved;
}

// Expected largest of `units` standard normal variables: Blom's approximation of the order
// statistic, Phi^-1((n - 0.375) / (n + 0.25)), with Phi inverted by bisection.
double expected_largest_normal(int units) {
  if (units <= 1) return 0.0;
  const double p = (units - 0.375) / (units + 0.25);
  double low = 0.0;
  double high = 10.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = (low + high) / 2;
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low;
}

// Bursts each controller serves for one direction of a transfer starting at `address`;
// `exact` tells whether they were counted rather than scaled from a prefix.
std::vector<double> unit_shares(const AddressMap& map, const Transfer& transfer,
                                std::uint64_t address, bool& exact) {
  const std::size_t units = static_cast<std::size_t>(map.units());
  std::vector<double> share(units, 0.0);
  BurstStream bursts(moved_to(transfer, address), map.burst_bytes(), map.capacity_bytes());
  const double total = static_cast<double>(bursts.count());
  exact = true;
  if (transfer.pattern == AccessPattern::sequential) {
    const std::uint64_t first = address / map.burst_bytes();
    for (std::size_t u = 0; u < units; ++u) {
      share[u] = static_cast<double>(
          unit_bursts_in_range(map, static_cast<int>(u), first, bursts.count()));
    }
    return share;
  }
  if (transfer.pattern == AccessPattern::strided) {
    // Chunk by chunk from the first, each counted exactly: a large chunk digit by digit for
    // every unit, a small one burst by burst, until enough of the stream has been seen.
    const std::uint64_t chunks = (transfer.bytes + transfer.chunk_bytes - 1) / transfer.chunk_bytes;
    double counted = 0;
    std::uint64_t k = 0;
    for (; k < chunks && counted < static_cast<double>(kShareSample); ++k) {
      const std::uint64_t begin = address + k * transfer.stride_bytes;
      const std::uint64_t length = std::min(transfer.chunk_bytes, transfer.bytes - k * transfer.chunk_bytes);
      const std::uint64_t first = begin / map.burst_bytes();
      const std::uint64_t count = (begin + length - 1) / map.burst_bytes() - first + 1;
      if (count > 8 * units) {
        for (std::size_t u = 0; u < units; ++u) {
          share[u] += static_cast<double>(unit_bursts_in_range(map, static_cast<int>(u), first, count));
        }
      } else {
        for (std::uint64_t b = first; b < first + count; ++b) {
          share[static_cast<std::size_t>(map.unit(map.decode(b * map.burst_bytes())))] += 1.0;
        }
      }
      counted += static_cast<double>(count);
    }
    if (k < chunks) {
      exact = false;
      for (double& s : share) s *= total / counted;
    }
    return share;
  }
  // Random: count a prefix of the stream itself; exact when it is all of it.
  std::uint64_t sampled = 0;
  std::uint64_t next = 0;
  while (sampled < kShareSample && bursts.next(next)) {
    share[static_cast<std::size_t>(map.unit(map.decode(next)))] += 1.0;
    ++sampled;
  }
  if (static_cast<double>(sampled) == total) return share;
  exact = false;
  for (double& s : share) s *= total / static_cast<double>(sampled);
  return share;
}

std::unique_ptr<RunSource> unit_runs(const AddressMap& map, int unit, const Transfer& transfer,
                                     std::uint64_t address, bool is_write, double bursts) {
  if (transfer.pattern == AccessPattern::random) {
    return std::make_unique<RandomRuns>(map, unit, transfer, address, is_write,
                                        static_cast<std::uint64_t>(std::llround(bursts)));
  }
  return std::make_unique<PatternRuns>(map, unit, transfer, address, is_write, kMaxChunksWalked);
}

}  // namespace

FastDramModel::FastDramModel(const DramSpec& spec)
    : spec_(spec), map_(spec), activity_(spec.organization.units()) {}

TransferTiming FastDramModel::transfer(const Transfer& transfer) {
  if (transfer.bytes == 0) return {transfer.start, transfer.start};
  const std::size_t units = activity_.units.size();
  const std::vector<double> none(units, 0.0);
  bool reads_exact = true;
  bool writes_exact = true;
  const bool reads_any = transfer.is_copy || !transfer.is_write;
  const bool writes_any = transfer.is_copy || transfer.is_write;
  const std::vector<double> reads =
      reads_any ? unit_shares(map_, transfer, transfer.address, reads_exact) : none;
  const std::vector<double> writes =
      writes_any ? unit_shares(map_, transfer, transfer.is_copy ? transfer.copy_to : transfer.address,
                               writes_exact)
                 : none;
  double total = 0.0;
  std::size_t busiest = 0;
  for (std::size_t u = 0; u < units; ++u) {
    total += reads[u] + writes[u];
    if (reads[u] + writes[u] > reads[busiest] + writes[busiest]) busiest = u;
  }

  // The controllers timed: the busiest and the ones after it, which covers strided patterns
  // whose streams differ from one controller to the next with a short period, and gives the
  // spread of random ones. A sequential block gives every controller the same stream.
  const Cycle start = std::max(spec_.cycle_at_or_after(transfer.start), free_at_);
  const std::size_t timed =
      transfer.pattern == AccessPattern::sequential && !transfer.is_copy ? 1 : std::min(units, kUnitsTimed);
  std::vector<UnitTiming> timings;
  double timed_bursts = 0.0;
  for (std::size_t k = 0; k < timed; ++k) {
    const std::size_t u = (busiest + k) % units;
    const int unit = static_cast<int>(u);
    NoRuns none_left;
    std::unique_ptr<RunSource> read_runs;
    std::unique_ptr<RunSource> write_runs;
    if (reads[u] > 0) read_runs = unit_runs(map_, unit, transfer, transfer.address, false, reads[u]);
    if (writes[u] > 0) {
      write_runs = unit_runs(map_, unit, transfer,
                             transfer.is_copy ? transfer.copy_to : transfer.address, true, writes[u]);
    }
    const Shape shape{unit,
                      transfer.pattern,
                      transfer.is_write,
                      transfer.is_copy,
                      transfer.pattern == AccessPattern::strided ? transfer.chunk_bytes : 0,
                      transfer.pattern == AccessPattern::strided
                          ? transfer.stride_bytes * (1ull << 32) + transfer.address % transfer.stride_bytes
                          : 0,
                      transfer.pattern == AccessPattern::random
                          ? (transfer.span_bytes != 0 ? transfer.span_bytes : transfer.bytes)
                          : 0,
                      transfer.is_copy ? transfer.copy_to - transfer.address : 0};
    const auto known = steady_.find(shape);
    timings.push_back(schedule_unit(
        spec_, start, read_runs ? *read_runs : none_left,
        static_cast<std::uint64_t>(std::llround(reads[u])), write_runs ? *write_runs : none_left,
        static_cast<std::uint64_t>(std::llround(writes[u])),
        known != steady_.end() ? &known->second : nullptr));
    if (known == steady_.end() && timings.back().measured) steady_[shape] = *timings.back().measured;
    timed_bursts += reads[u] + writes[u];
  }

  UnitTiming slowest = timings.front();
  UnitTiming sum;  // over the timed controllers
  double refreshes = 0.0;
  for (const UnitTiming& t : timings) {
    slowest.first_data = std::min(slowest.first_data, t.first_data);
    slowest.finish = std::max(slowest.finish, t.finish);
    sum.activates += t.activates;
    sum.misses += t.misses;
    sum.conflicts += t.conflicts;
    sum.conflict_stall_cycles += t.conflict_stall_cycles;
    sum.refresh_stall_cycles += t.refresh_stall_cycles;
    sum.queued_cycles += t.queued_cycles;
    sum.busy_cycles += t.busy_cycles;
    refreshes = std::max(refreshes, t.refreshes);
  }
  if (transfer.pattern == AccessPattern::random && timed < units) {
    // The controllers not timed are as likely to be slow: the slowest of all is expected the
    // largest deviation above the mean of the timed ones, counting the spread of their bursts
    // when the counts were scaled rather than counted.
    double mean = 0.0;
    for (const UnitTiming& t : timings) mean += static_cast<double>(t.finish - start);
    mean /= static_cast<double>(timed);
    double variance = 0.0;
    for (const UnitTiming& t : timings) {
      const double d = static_cast<double>(t.finish - start) - mean;
      variance += d * d / static_cast<double>(timed - 1);
    }
    if (!(reads_exact && writes_exact)) {
      const double per_unit = timed_bursts / static_cast<double>(timed);
      const double per_burst = mean / per_unit;
      variance += per_burst * per_burst * per_unit * (1.0 - 1.0 / static_cast<double>(units));
    }
    const double expected = mean + expected_largest_normal(static_cast<int>(units)) * std::sqrt(variance);
    slowest.finish = std::max(slowest.finish, start + static_cast<Cycle>(std::llround(expected)));
  }

  for (std::size_t u = 0; u < units; ++u) {
    activity_.units[u].reads += reads[u];
    activity_.units[u].writes += writes[u];
  }
  // The timed controllers' rates stand for all of them: each count and cycle sum scales
  // with the bursts, as the activates do (a controller with no bursts counts no cycles, as a
  // detailed controller never advanced counts none).
  const double scale = timed_bursts > 0 ? total / timed_bursts : 0.0;
  const double all_conflicts = std::min(total, sum.conflicts * scale);
  const double all_misses = std::min(total - all_conflicts, sum.misses * scale);
  activity_.activates += sum.activates * scale;
  activity_.row_hits += total - all_misses - all_conflicts;
  activity_.row_misses += all_misses;
  activity_.row_conflicts += all_conflicts;
  activity_.conflict_stall_cycles += sum.conflict_stall_cycles * scale;
  activity_.refresh_stall_cycles += sum.refresh_stall_cycles * scale;
  activity_.queue_occupancy_sum += sum.queued_cycles * scale;
  activity_.simulated_cycles += sum.busy_cycles * scale;
  activity_.refreshes += refreshes * static_cast<double>(units);
  activity_.latency.record_uniform(slowest.first_data - start, slowest.finish - start, total);
  if (slowest.finish > start) activity_.busy_cycles += static_cast<double>(slowest.finish - start);
  free_at_ = std::max(free_at_, slowest.finish);

  const core::Time frontend = spec_.frontend_latency;
  return {spec_.cycles_to_time(static_cast<double>(slowest.first_data)) + frontend,
          spec_.cycles_to_time(static_cast<double>(slowest.finish)) + frontend};
}

void FastDramModel::report(core::StatGroup& stats) const {
  report_dram_activity(spec_, activity_, stats);
}

void FastDramModel::charge_energy(core::EnergyLedger& ledger, const std::string& component,
                                  const std::string& layer) const {
  charge_dram_energy(spec_, activity_, ledger, component, layer);
}

}  // namespace axsim::mem
