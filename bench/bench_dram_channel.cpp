// Simulation speed of one detailed-mode DRAM channel controller (the HBM3 pseudo-channel of
// models/mem/dram/hbm3_reference.h, per-bank refresh, open page, 32-entry queues), in simulated
// requests per host second, on three saturating streams: streaming reads, random reads, and a
// random read/write mix. Every request is due as soon as it is offered, so the queues stay
// full and the scheduler has the most to scan. The requests are offered the way DramSystem
// offers them: a window at a time, the controller advanced while more wait than its queues
// hold, completions taken as they come. Each stream runs three times and the fastest run is
// printed, since other processes on a shared machine only ever make a run slower. Prints
// numbers; asserts nothing.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <utility>
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

struct Run {
  double wall = 0;
  double cpu = 0;
  ChannelCounters counters;
};

Run run_once(const ChannelOrg& org, const std::vector<ChannelRequest>& requests) {
  ChannelController controller(org, hbm3_timing(), ControllerConfig{});
  const ControllerConfig config;
  const auto queued_max = static_cast<std::uint64_t>(config.read_queue + config.write_queue);
  constexpr std::uint64_t kBacklogSlack = 4096;  // as DramSystem
  // Processor time as well as wall time: on a shared machine the wall clock also counts
  // the time other processes held the core.
  const auto start = Clock::now();
  const std::clock_t start_cpu = std::clock();
  std::uint64_t pushed = 0;
  std::uint64_t issued = 0;
  for (ChannelRequest r : requests) {
    r.arrival = controller.now();
    controller.push(r);
    ++pushed;
    while (pushed - issued > queued_max + 1 + kBacklogSlack) {
      controller.advance_to(controller.now() + (pushed - issued - queued_max - 1));
      issued += controller.take_completions().size();
    }
  }
  controller.drain();
  issued += controller.take_completions().size();
  Run run;
  run.cpu = static_cast<double>(std::clock() - start_cpu) / CLOCKS_PER_SEC;
  run.wall = std::chrono::duration<double>(Clock::now() - start).count();
  run.counters = controller.counters();
  if (issued != requests.size()) std::printf("warning: %llu of %zu requests completed\n",
                                             static_cast<unsigned long long>(issued),
                                             requests.size());
  return run;
}

void bench(const char* name, Stream stream, int count, int repeats) {
  const ChannelOrg org = hbm3_org();
  const std::vector<ChannelRequest> requests = make_requests(org, stream, count);
  Run best;
  for (int repeat = 0; repeat < repeats; ++repeat) {
    const Run run = run_once(org, requests);
    if (repeat == 0 || run.cpu < best.cpu) best = run;
  }
  const double cpu = best.cpu;
  const double wall = best.wall;
  const ChannelCounters& c = best.counters;
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

// bench_dram_channel [requests per stream [runs per stream [stream]]]: defaults 2,000,000, 3
// and all three streams; fewer requests and one run suit a profiler.
int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 2'000'000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const std::string only = argc > 3 ? argv[3] : "";
  if (count <= 0 || repeats <= 0 ||
      (!only.empty() && only != "streaming" && only != "random" && only != "mixed")) {
    std::fprintf(stderr,
                 "usage: bench_dram_channel [requests > 0 [runs > 0 [streaming|random|mixed]]]\n");
    return 2;
  }
  const std::pair<const char*, Stream> streams[] = {
      {"streaming", Stream::streaming}, {"random", Stream::random}, {"mixed", Stream::mixed}};
  for (const auto& [name, stream] : streams) {
    if (only.empty() || only == name) bench(name, stream, count, repeats);
  }
  return 0;
}
