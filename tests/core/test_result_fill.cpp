#include <catch2/catch.hpp>

#include "models/core/energy.h"
#include "models/core/result_fill.h"

using namespace axsim::core;

namespace {

// The columns a model's timing row has; the models' own rows carry more.
struct Timing {
  double start_s, end_s, compute_s, memory_s, other_s;
};

LayerResult layer_of(double latency_s, double compute_s, int64_t macs, double dram_bytes) {
  LayerResult layer;
  layer.latency_s = latency_s;
  layer.compute_s = compute_s;
  layer.memory_s = latency_s - compute_s;
  layer.macs = macs;
  layer.bytes["dram"] = dram_bytes;
  return layer;
}

}  // namespace

TEST_CASE("core.result_fill: a timed layer takes its row from the timing", "[result]") {
  const Timing t{2e-6, 5e-6, 1e-6, 1.5e-6, 0.5e-6};
  const LayerResult layer = timed_layer({"conv1", "conv2d", "array", 100, 7}, t, 1e9);
  CHECK(layer.name == "conv1");
  CHECK(layer.op == "conv2d");
  CHECK(layer.unit == "array");
  CHECK(layer.start_s == 2e-6);
  CHECK(layer.latency_s == 5e-6 - 2e-6);
  CHECK(layer.cycles == 3000);
  CHECK(layer.compute_s == 1e-6);
  CHECK(layer.memory_s == 1.5e-6);
  CHECK(layer.other_s == 0.5e-6);
  CHECK(layer.macs == 100);
  CHECK(layer.vector_ops == 7);
}

TEST_CASE("core.result_fill: cycles round to the nearest", "[result]") {
  CHECK(cycles_at(1.4e-9, 1e9) == 1);
  CHECK(cycles_at(1.6e-9, 1e9) == 2);
  CHECK(cycles_at(0, 1e9) == 0);
}

TEST_CASE("core.result_fill: a layer's energy comes from the ledger by its name", "[result]") {
  TechTable table;
  table.actions["mac"] = {joules(2.0), "MAC", "test"};
  EnergyLedger ledger(table);
  ledger.count("array", "conv1", "mac", 3);
  ledger.count("array", "conv2", "mac", 5);
  ledger.count("dram", "", "mac", 7);  // run-wide: no layer's
  LayerResult conv1;
  conv1.name = "conv1";
  copy_layer_energy(ledger, conv1);
  CHECK(conv1.energy_j == std::map<std::string, double>{{"array", 6.0}});
  LayerResult other;
  other.name = "fc";
  copy_layer_energy(ledger, other);
  CHECK(other.energy_j.empty());
}

TEST_CASE("core.result_fill: the summary adds the layers up and derives the rates", "[result]") {
  RunSummary s;
  s.clock_hz = 1e9;
  s.batch = 4;
  sum_layers({layer_of(1e-3, 0.5e-3, 1000, 10), layer_of(3e-3, 1e-3, 3000, 30)}, s);
  CHECK(s.latency_s == Approx(4e-3));
  CHECK(s.compute_s == Approx(1.5e-3));
  CHECK(s.memory_s == Approx(2.5e-3));
  CHECK(s.macs == 4000);
  CHECK(s.bytes.at("dram") == 40);
  s.peak_ops_per_s = 4e6;
  derive_summary(s, 2.0);
  CHECK(s.cycles == 4000000);
  CHECK(s.inferences_per_s == Approx(1000));
  CHECK(s.achieved_ops_per_s == Approx(2e6));
  CHECK(s.utilization == Approx(0.5));
  CHECK(s.energy_j == 2.0);
  CHECK(s.average_power_w == Approx(500));
}

TEST_CASE("core.result_fill: a run that took no time has no rates", "[result]") {
  RunSummary s;
  s.peak_ops_per_s = 1e9;
  derive_summary(s, 1.0);
  CHECK(s.cycles == 0);
  CHECK(s.inferences_per_s == 0);
  CHECK(s.average_power_w == 0);
  CHECK(s.utilization == 0);
  CHECK(s.energy_j == 1.0);
}
