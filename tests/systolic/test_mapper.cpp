#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "models/systolic/mapper.h"
#include "tests/systolic/fixtures.h"
#include "workloads/trace/counts.h"

using namespace axsim;

TEST_CASE("systolic mapper: a 3x3 conv lowers to its im2col GEMM") {
  const trace::Trace t = test::conv_relu_trace(64, 128, 56, 3);
  const auto gemms = systolic::lower_to_gemms(t.layers[0]);
  REQUIRE(gemms.size() == 1);
  CHECK(gemms[0].shape.m == 56 * 56);
  CHECK(gemms[0].shape.k == 64 * 9);
  CHECK(gemms[0].shape.n == 128);
  CHECK(gemms[0].repeat == 1);
}

TEST_CASE("systolic mapper: a depthwise conv becomes one tiny GEMM per channel") {
  const trace::Trace t = test::conv_relu_trace(32, 32, 28, 3, 32);
  const auto gemms = systolic::lower_to_gemms(t.layers[0]);
  REQUIRE(gemms.size() == 1);
  CHECK(gemms[0].shape.k == 9);
  CHECK(gemms[0].shape.n == 1);
  CHECK(gemms[0].repeat == 32);
}

TEST_CASE("systolic mapper: streamed weights cross the DRAM link once per layer") {
  const auto config = test::systolic_config(32, 32, "weight_stationary", "10 GB/s");
  const trace::Trace t = test::linear_trace(1, 1024, 512);
  const systolic::Plan plan = systolic::map_trace(config, t);
  REQUIRE(plan.layers.size() == 1);
  const systolic::LayerPlan& fc = plan.layers[0];
  CHECK(fc.unit == systolic::Unit::array);
  CHECK(fc.weight_dram_bytes == 1024.0 * 512.0);
  double loads = 0;
  int64_t cycles = 0;
  for (const auto& tile : fc.tiles) {
    loads += tile.load_bytes;
    cycles += tile.compute_cycles;
  }
  // Weights plus the graph input (1 KiB), which arrives in DRAM.
  CHECK(loads == Approx(1024.0 * 512.0 + 1024.0));
  const auto timing = compute::time_gemm(config.array, {1, 1024, 512}, 8);
  CHECK(cycles == timing.cycles);
  CHECK(fc.macs == 1024 * 512);
}

TEST_CASE("systolic mapper: resident weights are not streamed, and must fit the SRAM") {
  auto config = test::systolic_config(32, 32, "weight_stationary", "10 GB/s", "1 MiB");
  config.weights_resident = true;
  const systolic::Plan plan = systolic::map_trace(config, test::linear_trace(1, 1024, 512));
  CHECK(plan.layers[0].weight_dram_bytes == 0);
  CHECK(plan.resident_weight_bytes == 1024.0 * 512.0);
  CHECK_THROWS_WITH(systolic::map_trace(config, test::linear_trace(1, 2048, 1024)),
                    Catch::Contains("sram.capacity") && Catch::Contains("weights_resident"));
}

TEST_CASE("systolic mapper: an output too big for the SRAM spills and is read back") {
  // 64 x 56 x 56 int8 = 196 KiB per feature map; 256 KiB of SRAM cannot hold input + output.
  const auto small = test::systolic_config(16, 16, "output_stationary", "10 GB/s", "256 KiB");
  const systolic::Plan spilled = systolic::map_trace(small, test::conv_relu_trace(64, 64, 56, 3));
  CHECK(spilled.layers[0].output_to_dram);
  CHECK(spilled.layers[1].input_from_dram);
  CHECK(spilled.layers[1].activation_dram_bytes == 2.0 * 64 * 56 * 56);  // read back, write out

  const auto big = test::systolic_config(16, 16, "output_stationary", "10 GB/s", "4 MiB");
  const systolic::Plan kept = systolic::map_trace(big, test::conv_relu_trace(64, 64, 56, 3));
  CHECK_FALSE(kept.layers[0].output_to_dram);
  CHECK_FALSE(kept.layers[1].input_from_dram);
  CHECK(kept.layers[1].output_to_dram);  // graph output
}

TEST_CASE("systolic mapper: an LSTM runs one gate GEMM per step and direction") {
  // x [S=25, B=1, I=96], two directions, H=64: W [2, 256, 96], R [2, 256, 64].
  trace::Trace t;
  t.name = "lstm";
  t.inputs.push_back({"x", {{25, 1, 96}, trace::DType::int8, 8, {}}});
  trace::Layer lstm;
  lstm.name = "lstm";
  lstm.op = trace::Op::rnn;
  lstm.attrs.function = "lstm";
  lstm.inputs.push_back({"x", {{25, 1, 96}, trace::DType::int8, 8, {}}});
  lstm.weights.push_back({"W", {{2, 256, 96}, trace::DType::int8, 8, {}}});
  lstm.weights.push_back({"R", {{2, 256, 64}, trace::DType::int8, 8, {}}});
  lstm.output = {{25, 2, 1, 64}, trace::DType::int8, 8, {}};
  t.layers.push_back(lstm);
  t.outputs = {"lstm"};

  const auto gemms = systolic::lower_to_gemms(t.layers[0]);
  REQUIRE(gemms.size() == 1);
  CHECK(gemms[0].shape.m == 1);
  CHECK(gemms[0].shape.k == 96 + 64);
  CHECK(gemms[0].shape.n == 256);
  CHECK(gemms[0].repeat == 25 * 2);
  const auto& g = gemms[0];
  CHECK(g.shape.m * g.shape.k * g.shape.n * g.repeat == trace::count_layer(t.layers[0]).macs);

  const systolic::Plan plan =
      systolic::map_trace(test::systolic_config(32, 32, "weight_stationary", "10 GB/s"), t);
  REQUIRE(plan.layers.size() == 1);
  CHECK(plan.layers[0].unit == systolic::Unit::array);
  CHECK(plan.layers[0].weight_dram_bytes == 2 * 256 * (96 + 64));
}
