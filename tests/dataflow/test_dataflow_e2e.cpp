// The dataflow presets through the axsim binary, as a user runs them: a zoo trace, the
// result JSON with the compiler plan and the pipeline, and the errors a user can make.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using Outcome = axsim::test::CommandOutcome;
using axsim::test::run_axsim;
using axsim::test::fresh_dir;

const std::string kSource = AXSIM_SOURCE_DIR;

fs::path zoo_trace(const fs::path& dir, const std::string& network, int batch) {
  const fs::path trace = dir / (network + ".json");
  const Outcome o =
      run_axsim("zoo " + network + " --batch " + std::to_string(batch) + " -o " + trace.string());
  INFO(o.output);
  REQUIRE(o.exit_code == 0);
  return trace;
}

}  // namespace

TEST_CASE("dataflow e2e: ResNet-50 on the Hailo-8 preset writes the plan and the pipeline") {
  const fs::path dir = fresh_dir("dataflow-e2e-hailo8");
  const fs::path trace = zoo_trace(dir, "resnet50", 8);
  const Outcome o = run_axsim("run " + kSource + "/configs/dataflow/hailo8.yaml " + trace.string() +
                              " -o " + (dir / "run").string());
  INFO(o.output);
  REQUIRE(o.exit_code == 0);
  std::ifstream in(dir / "run" / "result.json");
  const nlohmann::json r = nlohmann::json::parse(in);
  CHECK(r["meta"]["kind"] == "dataflow");
  CHECK(r["meta"]["config_name"] == "hailo8");
  const nlohmann::json& plan = r["details"]["plan"];
  CHECK(plan["clusters"].get<int>() > 0);
  CHECK(plan["contexts"].size() == 1);
  const nlohmann::json& p = r["details"]["pipeline"];
  for (const char* key : {"batch", "fps_batch1", "fps_batch", "frame_latency_s", "contexts",
                          "switch_s", "bottleneck", "stages"}) {
    CHECK(p.contains(key));
  }
  const double fps = p["fps_batch"].get<double>();
  CHECK(fps > 1372 * 0.8);
  CHECK(fps < 1372 * 1.2);
  CHECK(r["summary"]["inferences_per_s"].get<double>() == Approx(fps));
}

TEST_CASE("dataflow e2e: a bad config value names the file, line and key") {
  const fs::path dir = fresh_dir("dataflow-e2e-bad-config");
  const fs::path trace = zoo_trace(dir, "resnet18", 1);
  const Outcome o = run_axsim("run " + kSource + "/configs/dataflow/hailo8.yaml " + trace.string() +
                              " --set dataflow.unit.efficiency=1.5 -o " + (dir / "run").string());
  INFO(o.output);
  CHECK(o.exit_code != 0);
  CHECK(o.output.find("efficiency") != std::string::npos);
}

TEST_CASE("dataflow e2e: a layer larger than the chip is an error naming it") {
  const fs::path dir = fresh_dir("dataflow-e2e-too-large");
  const fs::path trace = zoo_trace(dir, "resnet50", 1);
  const Outcome o =
      run_axsim("run " + kSource + "/configs/dataflow/hailo8.yaml " + trace.string() +
                " --set \"dataflow.cluster_memory=64 KiB\" -o " + (dir / "run").string());
  INFO(o.output);
  CHECK(o.exit_code != 0);
  CHECK(o.output.find("does not fit the chip even alone") != std::string::npos);
  CHECK(o.output.find("layer '") != std::string::npos);
}
