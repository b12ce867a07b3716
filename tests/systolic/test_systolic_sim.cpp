// Simulations of hand-built traces whose answer follows from the configuration. Each
// TEST_CASE elaborates SystemC once, so ctest runs each in its own process.
#include <catch2/catch.hpp>
#include <systemc>

#include "models/core/energy.h"
#include "models/run/accelerator.h"
#include "models/systolic/mapper.h"
#include "tests/systolic/fixtures.h"
#include "workloads/trace/counts.h"

using namespace axsim;

namespace {

core::RunResult simulate(const std::string& config_text, const trace::Trace& t) {
  static const core::TechTable tech =
      core::load_tech_table(std::string(AXSIM_SOURCE_DIR) + "/configs/tech/horowitz-45nm.yaml");
  const core::ConfigNode node = core::parse_config_text(config_text, "test.yaml");
  const core::Section section(node);
  auto accelerator = run::accelerators().get("systolic").factory({section, tech});
  accelerator->build(t);
  sc_core::sc_start();
  core::RunResult result;
  accelerator->collect(result);
  return result;
}

}  // namespace

TEST_CASE("systolic sim: a batch-1 GEMV is bound by DRAM bandwidth") {
  // 16 MiB of int8 weights over 1 GB/s: 16.8 ms, while the array needs about 1 ms.
  const trace::Trace t = test::linear_trace(1, 4096, 4096);
  const core::RunResult r =
      simulate(test::systolic_config_text(32, 32, "weight_stationary", "1 GB/s"), t);
  const double moved = 4096.0 * 4096.0 + 4096.0 + 4096.0;  // weights, input, output
  CHECK(r.summary.latency_s == Approx(moved / 1e9).epsilon(0.01));
  CHECK(r.summary.memory_s / r.summary.latency_s > 0.9);
  CHECK(r.summary.bytes.at("dram") == Approx(moved));
}

TEST_CASE("systolic sim: a conv with small weights is bound by the array") {
  const trace::Trace t = test::conv_relu_trace(64, 64, 56, 3);
  const std::string config = test::systolic_config_text(32, 32, "output_stationary", "100 GB/s",
                                                        "4 MiB");
  const core::RunResult r = simulate(config, t);
  const auto timing = compute::time_gemm(test::systolic_config(32, 32, "output_stationary",
                                                               "100 GB/s", "4 MiB").array,
                                         {56 * 56, 64 * 9, 64}, 8);
  const core::LayerResult& conv = r.layers.at(0);
  CHECK(conv.compute_s == Approx(timing.cycles * 1e-9).epsilon(1e-9));
  CHECK(conv.compute_s / conv.latency_s > 0.95);
  CHECK(conv.utilization == Approx(timing.utilization).epsilon(0.05));
}

TEST_CASE("systolic sim: every layer's stall breakdown adds up to its latency") {
  const trace::Trace t = test::conv_relu_trace(64, 64, 56, 3);
  const core::RunResult r =
      simulate(test::systolic_config_text(16, 16, "weight_stationary", "2 GB/s", "256 KiB"), t);
  double sum = 0;
  for (const core::LayerResult& layer : r.layers) {
    CHECK(layer.compute_s + layer.memory_s + layer.other_s ==
          Approx(layer.latency_s).epsilon(1e-9));
    CHECK(layer.start_s == Approx(sum).margin(1e-15));
    sum += layer.latency_s;
  }
  CHECK(r.summary.latency_s == Approx(sum));
  // The spilled feature maps make the relu wait on DRAM.
  CHECK(r.layers.at(1).memory_s > 0);
}

TEST_CASE("systolic sim: energy is actions times the technology table") {
  const trace::Trace t = test::linear_trace(64, 512, 512);
  const core::RunResult r =
      simulate(test::systolic_config_text(32, 32, "weight_stationary", "10 GB/s"), t);
  const double macs = 64.0 * 512 * 512;
  CHECK(r.energy["by_component"]["array"].get<double>() == Approx(macs * 0.3e-12));
  CHECK(r.energy["by_component"]["dram"].get<double>() ==
        Approx(r.summary.bytes.at("dram") * 162.5e-12));
  double components = 0;
  for (const auto& [name, joules] : r.energy["by_component"].items()) {
    components += joules.get<double>();
  }
  CHECK(r.summary.energy_j == Approx(components));
}
