// Simulation speed of one detailed-mode DRAM channel controller (the HBM3 pseudo-channel of
// models/mem/dram/hbm3_reference.h, per-bank refresh, open page, 32-entry queues), in simulated
// requests per host second, on three saturating streams: streaming reads, random reads, and a
// random read/write mix. Every request is due at cycle 0, so the queues stay full and the
// scheduler has the most to scan. Prints numbers; asserts nothing.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/hbm3_reference.h"

using namespace axsim::mem;
using Clock = std::chrono::steady_clock;

namespace {

enum class Stream { streaming, random, mixed };

// Streaming: consecutive bursts walk the bank groups, then the columns of a row, then banks.
// Random: uniform bank and row. Mixed: a third writes, rows from 64 per bank so some hit.
std::vector<ChannelRequest> make_requests(const ChannelOrg& org, Stream stream, int count) {
  std::mt19937_64 rng(42);
  const auto groups = static_cast<std::uint64_t>(org.bank_groups);
  const auto per_group = static_cast<std::uint64_t>(org.banks_per_group);
  std::vector<ChannelRequest> requests(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    ChannelRequest& r = requests[static_cast<std::size_t>(i)];
    r.id = static_cast<std::uint64_t>(i);
    if (stream == Stream::streaming) {
      std::uint64_t burst = r.id;
      r.bank_group = static_cast<int>(burst % groups);
      burst /= groups;
      r.column = static_cast<std::uint32_t>(burst % org.columns);
      burst /= org.columns;
      r.bank = static_cast<int>(burst % per_group);
      r.row = static_cast<std::uint32_t>(burst / per_group % org.rows);
    } else {
      r.bank_group = static_cast<int>(rng() % groups);
      r.bank = static_cast<int>(rng() % per_group);
      r.row = static_cast<std::uint32_t>(rng() % (stream == Stream::random ? org.rows : 64));
      r.column = static_cast<std::uint32_t>(rng() % org.columns);
      r.is_write = stream == Stream::mixed && rng() % 3 == 0;
    }
  }
  return requests;
}

void bench(const char* name, Stream stream, int count) {
  const ChannelOrg org = hbm3_org();
  const std::vector<ChannelRequest> requests = make_requests(org, stream, count);
  ChannelController controller(org, hbm3_timing(), ControllerConfig{});
  // Processor time as well as wall time: on a shared machine the wall clock also counts
  // the time other processes held the core.
  const auto start = Clock::now();
  const std::clock_t start_cpu = std::clock();
  for (const ChannelRequest& r : requests) controller.push(r);
  controller.drain();
  const double cpu = static_cast<double>(std::clock() - start_cpu) / CLOCKS_PER_SEC;
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  const ChannelCounters& c = controller.counters();
  std::printf(
      "%-10s %d requests: %.3f s wall, %.3f s cpu, %.2f M requests/s (cpu), %.0f ns "
      "per request; %llu cycles simulated, data bus %.0f%% busy, row hits %.0f%%, "
      "%.2f commands per request\n",
      name, count, wall, cpu, count / cpu / 1e6, 1e9 * cpu / count,
      static_cast<unsigned long long>(c.cycles),
      100.0 * static_cast<double>(c.data_bus_busy) / static_cast<double>(c.cycles),
      100.0 * static_cast<double>(c.row_hits) / count,
      static_cast<double>(c.reads + c.writes + c.activates + c.precharges + c.refreshes) / count);
}

}  // namespace

int main() {
  constexpr int kRequests = 2'000'000;
  bench("streaming", Stream::streaming, kRequests);
  bench("random", Stream::random, kRequests);
  bench("mixed", Stream::mixed, kRequests);
  return 0;
}
