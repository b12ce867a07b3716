// Simulation speed of the compute model on ResNet-50: the analytic systolic-array timing
// alone, then the whole SystemC replay on the TPU-v1 preset. Prints numbers; asserts nothing
// (speed targets are read from here, never from timed unit tests).
#include <chrono>
#include <cstdio>
#include <string>

#include <systemc>

#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/run/accelerator.h"
#include "models/systolic/mapper.h"
#include "models/systolic/systolic_config.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The analytic model alone: time_gemm over every lowered GEMM, repeated for a stable figure.
void bench_analytic(const systolic::SystolicConfig& config, const trace::Trace& net) {
  constexpr int kRepeats = 200;
  int64_t cycles = 0;
  const auto start = Clock::now();
  for (int r = 0; r < kRepeats; ++r) {
    for (const trace::Layer& layer : net.layers) {
      for (const systolic::LoweredGemm& g : systolic::lower_to_gemms(layer)) {
        cycles += compute::time_gemm(config.array, g.shape, 8).cycles * g.repeat;
      }
    }
  }
  const double wall = seconds_since(start);
  std::printf("analytic  resnet50 x%d: %.4f s wall, %.3e array cycles, %.3e cycles/s, %.1f us "
              "per network\n",
              kRepeats, wall, static_cast<double>(cycles), cycles / wall, 1e6 * wall / kRepeats);
}

}  // namespace

int sc_main(int, char*[]) {
  const std::string root = AXSIM_SOURCE_DIR;
  const core::ConfigNode config_root = core::load_config(root + "/configs/systolic/tpu-v1.yaml");
  const core::Section top(config_root);
  const core::Section own = top.section("systolic");
  const systolic::SystolicConfig config = systolic::parse_systolic_config(own);
  const core::TechTable tech = core::load_tech_table(root + "/configs/tech/horowitz-45nm.yaml");

  auto start = Clock::now();
  const trace::Trace net = zoo::make_network("resnet50", zoo::ZooOptions{});
  std::printf("zoo       resnet50: %zu layers generated in %.4f s\n", net.layers.size(),
              seconds_since(start));
  bench_analytic(config, net);

  const core::Section own_again = top.section("systolic");
  auto accelerator = run::accelerators().get("systolic").factory({own_again, tech});
  start = Clock::now();
  accelerator->build(net);
  sc_core::sc_start();
  core::RunResult result;
  accelerator->collect(result);
  const double wall = seconds_since(start);
  std::printf("systemc   resnet50 on tpu-v1: %.4f s wall, %lld simulated cycles, %.3e "
              "simulated cycles/s, %.3f ms simulated latency\n",
              wall, static_cast<long long>(result.summary.cycles),
              static_cast<double>(result.summary.cycles) / wall, 1e3 * result.summary.latency_s);
  return 0;
}
