// The dataflow compiler without a simulation kernel: row needs, fusion, unit balance,
// contexts, skip buffers, the oversized-layer error and config errors.
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>
#include <string>

#include "models/core/error.h"
#include "models/dataflow/allocator.h"
#include "models/dataflow/graph.h"
#include "tests/dataflow/fixtures.h"

using namespace axsim;
using namespace axsim::dataflow;

namespace {

double slowest(const std::vector<double>& work, const std::vector<int64_t>& units) {
  double worst = 0;
  for (size_t i = 0; i < work.size(); ++i) {
    worst = std::max(worst, work[i] / static_cast<double>(units[i]));
  }
  return worst;
}

int64_t layer_stages(const Plan& plan) {
  return std::count_if(plan.stages.begin(), plan.stages.end(), [](const Stage& s) {
    return s.kind == StageKind::compute || s.kind == StageKind::vector;
  });
}

}  // namespace

TEST_CASE("dataflow allocator: a same 3x3 convolution needs fill_rows input rows first") {
  RowNeed need;
  need.rule = RowNeed::Rule::window;
  need.reach = 2;  // fill_rows of a 3x3 stage
  need.stride = 1;
  need.rows_in = 56;
  need.rows_out = 56;
  CHECK(need.rows_for(1) == 2);
  CHECK(need.rows_for(10) == 11);
  CHECK(need.rows_for(56) == 56);
  need.stride = 2;
  need.reach = 2;
  need.rows_out = 28;
  CHECK(need.rows_for(2) == 4);
  CHECK(need.rows_for(28) == 56);
}

TEST_CASE("dataflow allocator: ResNet-50's activations fuse into their convolutions") {
  const Graph g = build_graph(test::zoo_network("resnet50", 1));
  // 53 convolutions, 16 residual adds, the max pool, the global pool and the classifier.
  const auto mac_nodes =
      std::count_if(g.nodes.begin(), g.nodes.end(), [](const Node& n) { return n.uses_macs; });
  CHECK(mac_nodes == 54);
  CHECK(g.nodes.size() < 100);
  double macs = 0;
  for (const Node& n : g.nodes) macs += n.macs;
  CHECK(macs == Approx(4.1e9).epsilon(0.05));
}

TEST_CASE("dataflow allocator: unit balance beats an even split") {
  const std::vector<double> work = {8.0, 1.0, 3.0, 0.5, 2.0, 6.0};
  for (const int64_t units : {6, 7, 12, 40, 512}) {
    INFO(units);
    const std::vector<int64_t> given = balance_units(work, units);
    CHECK(std::accumulate(given.begin(), given.end(), int64_t{0}) == units);
    const std::vector<int64_t> even(work.size(), units / static_cast<int64_t>(work.size()));
    CHECK(slowest(work, given) <= slowest(work, even));
  }
  CHECK_THROWS_AS(balance_units(work, 5), core::InputError);
}

TEST_CASE(
    "dataflow allocator: ResNet-50's slowest stage on Hailo-8 is no worse than an even split") {
  const DataflowConfig config = test::preset("hailo8");
  const Graph g = build_graph(test::zoo_network("resnet50", 1));
  const Plan plan = allocate(g, config);
  REQUIRE(plan.contexts.size() == 1);
  CHECK(plan.contexts[0].switch_s == 0);
  CHECK(plan.contexts[0].units == config.total_units());
  std::vector<double> work;
  std::vector<int64_t> units;
  for (const Stage& s : plan.stages) {
    if (s.kind != StageKind::compute) continue;
    work.push_back(s.macs / (config.macs_per_cycle(8) * config.efficiency * config.clock.si));
    units.push_back(s.units);
  }
  const std::vector<int64_t> even(work.size(),
                                  config.total_units() / static_cast<int64_t>(work.size()));
  CHECK(slowest(work, units) <= slowest(work, even));
}

TEST_CASE("dataflow allocator: a smaller chip cuts the network into more contexts") {
  const Graph g = build_graph(test::zoo_network("resnet50", 1));
  const Plan big = allocate(g, test::parse_chip(test::chip_section(16, "2 MiB")));
  const Plan small = allocate(g, test::parse_chip(test::chip_section(8, "1 MiB")));
  CHECK(big.contexts.size() == 1);
  CHECK(small.contexts.size() > big.contexts.size());
  for (const Context& c : small.contexts) {
    CHECK(c.memory_bytes <= small.chip_memory_bytes);
    CHECK(c.switch_s > 0);
  }
  // Every layer is placed exactly once.
  CHECK(layer_stages(small) == layer_stages(big));
  // A cut moves activations through the context store (the host here: no DRAM).
  CHECK(small.store == "host");
  CHECK(small.contexts[1].cut_in_bytes > 0);
}

TEST_CASE("dataflow allocator: residual joins get skip buffers deeper than a plain FIFO") {
  const DataflowConfig config = test::preset("hailo8");
  const Graph g = build_graph(test::zoo_network("resnet50", 1));
  const Plan plan = allocate(g, config);
  int64_t deepest_join_edge = 0;
  for (const Edge& e : plan.edges) {
    const Stage& to = plan.stages[static_cast<size_t>(e.to)];
    if (to.kind == StageKind::vector && to.in_edges.size() > 1) {
      deepest_join_edge = std::max(deepest_join_edge, e.depth);
    }
  }
  CHECK(deepest_join_edge > config.fifo_blocks);
  // The memory of a residual add includes its skip buffer.
  const std::vector<double> memory = node_memory_bytes(g);
  double most_rows = 0;
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    if (g.nodes[n].op == "elementwise")
      most_rows = std::max(most_rows, memory[n] / g.nodes[n].row_bytes);
  }
  CHECK(most_rows >= 3);
}

TEST_CASE("dataflow allocator: a layer too large for the whole chip is named with its shortfall") {
  const Graph g = build_graph(test::zoo_network("resnet50", 1));
  const DataflowConfig tiny = test::parse_chip(test::chip_section(2, "512 KiB"));
  try {
    allocate(g, tiny);
    FAIL("expected an InputError");
  } catch (const core::InputError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("does not fit the chip even alone") != std::string::npos);
    CHECK(message.find("short by") != std::string::npos);
    CHECK(message.find("layer '") != std::string::npos);
  }
}

TEST_CASE("dataflow allocator: the plan prints like a compiler report and as JSON") {
  const Graph g = build_graph(test::zoo_network("resnet50", 1));
  const Plan plan = allocate(g, test::parse_chip(test::chip_section(8, "1 MiB")));
  const std::string text = format_plan(plan);
  CHECK(text.find("context 0") != std::string::npos);
  CHECK(text.find("context 1") != std::string::npos);
  CHECK(text.find("conv1") != std::string::npos);
  const nlohmann::json j = plan_to_json(plan);
  CHECK(j["clusters"] == 8);
  CHECK(j["units_per_cluster"] == 32);
  REQUIRE(j["contexts"].size() == plan.contexts.size());
  const nlohmann::json& layer = j["contexts"][0]["layers"][0];
  CHECK(layer["layer"] == "conv1");
  CHECK(layer["clusters"].is_array());
  CHECK(layer["units"].get<int64_t>() >= 1);
  CHECK(layer["memory_bytes"].get<double>() > 0);
  for (const char* key : {"index", "weight_bytes", "memory_bytes", "units", "switch_s"}) {
    CHECK(j["contexts"][0].contains(key));
  }
}

TEST_CASE("dataflow config: errors name the file, line and key") {
  std::string text = test::chip_section(0, "1 MiB");
  try {
    test::parse_chip(text);
    FAIL("expected an InputError");
  } catch (const core::InputError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("chip.yaml:2") != std::string::npos);
    CHECK(message.find("clusters") != std::string::npos);
  }
  text = test::chip_section(4, "1 MiB") + "clusterz: 3\n";
  CHECK_THROWS_WITH(test::parse_chip(text), Catch::Contains("clusterz"));
}

TEST_CASE("dataflow config: the presets hold the public peak figures") {
  const DataflowConfig h8 = test::preset("hailo8");
  CHECK(h8.peak_ops_per_s(8) == Approx(26e12).epsilon(0.02));
  CHECK_FALSE(h8.dram.has_value());
  const DataflowConfig h15 = test::preset("hailo15h");
  CHECK(h15.peak_ops_per_s(8) == Approx(20e12).epsilon(0.02));
  REQUIRE(h15.dram.has_value());
  CHECK(h15.store_name() == "dram");
}
