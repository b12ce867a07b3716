// Whole simulations of the dataflow pipeline. Each case elaborates SystemC once, in its own
// process (catch_discover_tests).
#include <catch2/catch.hpp>
#include <string>
#include <systemc>

#include "models/dataflow/pipeline.h"
#include "tests/dataflow/fixtures.h"

using namespace axsim;
using nlohmann::json;

namespace {

double seconds(const json& j, const char* key) { return j[key].get<double>(); }

const json& stage(const json& result, const std::string& layer) {
  for (const json& s : result["details"]["pipeline"]["stages"]) {
    if (s["layer"] == layer) return s;
  }
  FAIL("no stage " << layer);
  static const json none;
  return none;
}

// A chain source -> a -> b -> c -> sink over `blocks` row blocks, c `slow` times slower.
dataflow::Plan chain_plan(int64_t blocks, double slow, int64_t depth) {
  dataflow::Plan plan;
  plan.clusters = 1;
  plan.units_per_cluster = 3;
  plan.store = "host";
  const char* names[] = {"in", "a", "b", "c", "out"};
  for (int i = 0; i < 5; ++i) {
    dataflow::Stage s;
    s.name = names[i];
    s.kind = i == 0 ? dataflow::StageKind::source
                    : (i == 4 ? dataflow::StageKind::sink : dataflow::StageKind::compute);
    s.rows = blocks;
    s.blocks = blocks;
    s.rows_per_block = 1;
    s.block_compute_s = i == 3 ? slow * 1e-6 : 1e-6;
    s.block_link_bytes = 1;
    s.host_link = true;
    plan.stages.push_back(s);
  }
  for (int i = 0; i < 4; ++i) {
    dataflow::Edge e;
    e.from = i;
    e.to = i + 1;
    e.depth = depth;
    for (int64_t j = 0; j < blocks; ++j) e.need.push_back(j + 1);
    plan.stages[static_cast<size_t>(i)].out_edges.push_back(i);
    plan.stages[static_cast<size_t>(i + 1)].in_edges.push_back(i);
    plan.edges.push_back(e);
  }
  dataflow::Context ctx;
  for (int i = 0; i < 5; ++i) ctx.stages.push_back(i);
  plan.contexts.push_back(ctx);
  return plan;
}

}  // namespace

TEST_CASE("dataflow sim: ResNet-50 fits Hailo-8 in one context, so batch 1 and batch 8 run alike") {
  const json r = test::simulate_preset("hailo8", test::zoo_network("resnet50", 8));
  const json& p = r["details"]["pipeline"];
  CHECK(p["contexts"] == 1);
  CHECK(p["batch"] == 8);
  CHECK(seconds(p, "switch_s") == 0);
  CHECK(seconds(p, "fps_batch") == Approx(seconds(p, "fps_batch1")).epsilon(0.01));
  CHECK(seconds(r["summary"], "inferences_per_s") == Approx(seconds(p, "fps_batch")));
  // Frames overlap in the pipeline: one takes longer than the interval between two.
  CHECK(seconds(p, "frame_latency_s") > 2.0 / seconds(p, "fps_batch1"));
  CHECK(p["bottleneck"]["layer"].get<std::string>().size() > 0);
  CHECK(r["details"]["plan"]["contexts"].size() == 1);
  // Each layer's time splits into compute, memory and other.
  for (const json& layer : r["layers"]) {
    INFO(layer["name"]);
    const json& stall = layer["stall"];
    CHECK(seconds(stall, "compute_s") + seconds(stall, "memory_s") + seconds(stall, "other_s") ==
          Approx(seconds(layer, "latency_s")).margin(1e-12));
    CHECK(seconds(layer, "utilization") <= 1.0 + 1e-9);
  }
  // Every stage starts streaming long before the frame is through (a pipeline, not a sequence).
  const json& last_conv = stage(r, "layer4.2.conv3");
  CHECK(seconds(last_conv, "first_row_s") < 0.5 * seconds(last_conv, "last_row_s"));
  CHECK(r["energy"]["by_component"]["mac_array"].get<double>() > 0);
  CHECK(seconds(p, "power_w") > 0.5);
  CHECK(seconds(p, "fps_per_w") > 0);
}

TEST_CASE("dataflow sim: a network cut into contexts gains from batching") {
  const std::string dram = "dram: {memory: " + std::string(AXSIM_SOURCE_DIR) +
                           "/configs/mem/lpddr4.yaml, efficiency: 0.7, latency: 100 ns}\n";
  const json r = test::simulate_dataflow(test::chip_section(8, "1 MiB", dram),
                                         test::zoo_network("resnet50", 8));
  const json& p = r["details"]["pipeline"];
  CHECK(p["contexts"].get<int>() > 1);
  CHECK(seconds(p, "switch_s") > 0);
  CHECK(seconds(p, "fps_batch") > 1.5 * seconds(p, "fps_batch1"));
  CHECK(r["summary"]["bytes"]["dram"].get<double>() > 25e6);  // every context's weights
  CHECK(r["energy"]["by_component"]["dram"].get<double>() > 0);
  for (const json& s : p["stages"]) CHECK(s["context"].get<int>() < p["contexts"].get<int>());
}

TEST_CASE("dataflow sim: a starved stage is the bottleneck and back-pressures its producers") {
  const dataflow::DataflowConfig config = test::parse_chip(test::chip_section(1, "1 MiB"));
  const dataflow::Plan plan = chain_plan(64, 5.0, 2);
  dataflow::Pipeline pipeline("pipeline", plan, config, {1, 4});
  sc_core::sc_start();
  REQUIRE(pipeline.finished());
  const dataflow::PassTiming& pass = pipeline.passes().back();
  const auto& a = pass.stages[1];
  const auto& b = pass.stages[2];
  const auto& c = pass.stages[3];
  CHECK(c.busy_s > 4.0 * b.busy_s);
  CHECK(c.stall_out_s < 0.05 * c.busy_s);
  CHECK(a.stall_out_s > 0.5 * c.busy_s);  // blocked by full FIFOs
  CHECK(b.stall_out_s > 0.5 * c.busy_s);
  // The pass takes the slow stage's time, plus the fill of the stages before it.
  const double run_s = pass.end_s - pass.start_s;
  CHECK(run_s == Approx(c.busy_s).epsilon(0.05));
  // With bounded FIFOs the fast producer cannot finish early: it ends with the slow stage.
  CHECK(a.last_row_s > 0.9 * c.last_row_s);
}

TEST_CASE("dataflow sim: deeper FIFOs let a producer run ahead of a slow consumer") {
  const dataflow::DataflowConfig config = test::parse_chip(test::chip_section(1, "1 MiB"));
  // Room for every block of the 16 frames a one-context pass streams.
  const dataflow::Plan plan = chain_plan(32, 5.0, 600);
  dataflow::Pipeline pipeline("pipeline", plan, config, {1});
  sc_core::sc_start();
  REQUIRE(pipeline.finished());
  const dataflow::PassTiming& pass = pipeline.passes().back();
  // Nothing blocks a, so it finishes long before c.
  CHECK(pass.stages[1].stall_out_s == 0);
  CHECK(pass.stages[1].last_row_s < 0.5 * pass.stages[3].last_row_s);
}
