// Cost of the fast-mode DRAM model against transfer size, on the H100-like five-stack HBM3
// preset: one sequential read of 1 MB ... 70 GB per line, in bytes of simulated transfer per
// host second, then a 70 GB batch-1 decode of a 70B-parameter model (8-bit weights) as one
// transfer per weight matrix. The detailed model on the same transfers up to 64 MB shows what
// the fast mode saves. Prints numbers; asserts nothing.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

#include "models/mem/dram/dram_config.h"
#include "models/mem/dram/dram_system.h"
#include "models/mem/dram/fast_model.h"

using namespace axsim;
using Clock = std::chrono::steady_clock;

namespace {

struct Cost {
  double wall_s = 0;
  double cpu_s = 0;
};

template <typename Work>
Cost measure(Work work) {
  const auto wall = Clock::now();
  const std::clock_t cpu = std::clock();
  work();
  return {std::chrono::duration<double>(Clock::now() - wall).count(),
          static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC};
}

mem::Transfer read(std::uint64_t address, std::uint64_t bytes) {
  mem::Transfer t;
  t.address = address;
  t.bytes = bytes;
  return t;
}

}  // namespace

int main() {
  const mem::DramSpec spec =
      mem::load_memory_config(std::string(AXSIM_SOURCE_DIR) + "/configs/mem/h100-hbm3.yaml");
  std::printf("%s: peak %.2f TB/s\n", spec.name.c_str(), spec.peak_bandwidth().si / 1e12);

  for (const std::uint64_t bytes : {1'000'000ull, 100'000'000ull, 1'000'000'000ull,
                                    10'000'000'000ull, 70'000'000'000ull}) {
    mem::FastDramModel fast(spec);
    mem::TransferTiming timing;
    const Cost cost = measure([&] { timing = fast.transfer(read(0, bytes)); });
    std::printf("fast      %12llu B: %.2e s simulated (%.1f%% of peak), %.2f ms cpu, %.2e B/s "
                "simulated per cpu second\n",
                static_cast<unsigned long long>(bytes), timing.finish.si,
                100.0 * bytes / timing.finish.si / spec.peak_bandwidth().si, 1e3 * cost.cpu_s,
                bytes / cost.cpu_s);
  }
  for (const std::uint64_t bytes : {1'000'000ull, 8'000'000ull, 64'000'000ull}) {
    mem::DramSystem detailed(spec);
    mem::TransferTiming timing;
    const Cost cost = measure([&] { timing = detailed.transfer(read(0, bytes)); });
    std::printf("detailed  %12llu B: %.2e s simulated (%.1f%% of peak), %.2f ms cpu, %.2e B/s "
                "simulated per cpu second\n",
                static_cast<unsigned long long>(bytes), timing.finish.si,
                100.0 * bytes / timing.finish.si / spec.peak_bandwidth().si, 1e3 * cost.cpu_s,
                bytes / cost.cpu_s);
  }

  // Llama-2-70B decode at batch 1, 8-bit weights: per layer Q, K, V, O and the three FFN
  // matrices (hidden 8192, 8 KV heads of 128, FFN 28672), 80 layers, then the output head.
  const std::uint64_t hidden = 8192;
  const std::uint64_t kv = 8 * 128;
  const std::uint64_t ffn = 28672;
  const std::uint64_t matrices[] = {hidden * hidden, hidden * kv,  hidden * kv, hidden * hidden,
                                    hidden * ffn,    hidden * ffn, ffn * hidden};
  mem::FastDramModel fast(spec);
  std::uint64_t moved = 0;
  std::uint64_t transfers = 0;
  mem::TransferTiming last;
  const Cost cost = measure([&] {
    for (int layer = 0; layer < 80; ++layer) {
      for (const std::uint64_t bytes : matrices) {
        mem::Transfer t = read(moved % (spec.capacity_bytes() - bytes), bytes);
        t.start = last.finish;
        last = fast.transfer(t);
        moved += bytes;
        ++transfers;
      }
    }
    mem::Transfer head = read(0, 32000 * hidden);
    head.start = last.finish;
    last = fast.transfer(head);
    moved += 32000 * hidden;
    ++transfers;
  });
  std::printf("decode    %llu transfers, %.1f GB: %.2f ms simulated (%.1f tokens/s), %.1f ms "
              "cpu, %.1f ms wall\n",
              static_cast<unsigned long long>(transfers), moved / 1e9, 1e3 * last.finish.si,
              1.0 / last.finish.si, 1e3 * cost.cpu_s, 1e3 * cost.wall_s);
  return 0;
}
