// The GPU presets through the axsim binary, as a user runs them: configs/gpu/*.yaml with the
// HBM memory presets, the checked-in traces, the HTML report, and a capacity error. Runs that
// compare presets at length live in bench/bench_gpu_llm.cpp.
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

nlohmann::json run_preset(const std::string& preset, const std::string& trace,
                          const fs::path& out) {
  const Outcome o = run_axsim("run -q " + kSource + "/configs/gpu/" + preset + ".yaml " + kSource +
                              "/workloads/traces/" + trace + ".json -o " + out.string());
  INFO(o.output);
  REQUIRE(o.exit_code == 0);
  std::ifstream in(out / "result.json");
  return nlohmann::json::parse(in);
}

double stat(const nlohmann::json& result, const char* group, const char* name) {
  return result["stats"][group][name]["value"].get<double>();
}

}  // namespace

TEST_CASE("gpu e2e: Llama-2-7B decode on the H100 preset stays under the HBM roof and reports") {
  const fs::path dir = fresh_dir("gpu-e2e-h100-decode");
  const nlohmann::json r = run_preset("h100-sxm", "llama2-7b-decode", dir / "run");
  CHECK(r["meta"]["kind"] == "gpu");
  CHECK(r["meta"]["config_name"] == "h100-sxm");
  // The int8 weights (6.74 GB) at the datasheet's 3.35 TB/s bound a decode step from below.
  const double tokens_per_s = stat(r, "summary", "tokens_per_s");
  CHECK(tokens_per_s > 0);
  CHECK(tokens_per_s < 3.35e12 / 6.74e9);
  // The SMs wait on HBM far longer than they compute.
  CHECK(r["summary"]["stall"]["memory_s"].get<double>() >
        2 * r["summary"]["stall"]["compute_s"].get<double>());
  CHECK(stat(r, "summary", "dram_bandwidth_peak") == Approx(3.35e12).epsilon(0.01));
  CHECK(r["energy"]["by_component"]["hbm"].get<double>() > 0);
  // With DRAM timing too, no kernel beats its roofline bound.
  for (const nlohmann::json& layer : r["layers"]) {
    const std::string name = layer["name"].get<std::string>();
    if (!r["stats"]["kernels"].contains(name)) continue;
    INFO(name);
    CHECK(layer["latency_s"].get<double>() >=
          r["stats"]["kernels"][name]["roofline_time"]["value"].get<double>());
  }

  const Outcome report = run_axsim("report " + (dir / "run" / "result.json").string() + " -o " +
                                   (dir / "report.html").string());
  INFO(report.output);
  CHECK(report.exit_code == 0);
  CHECK(fs::file_size(dir / "report.html") > 1000);
}

TEST_CASE("gpu e2e: ResNet-50 runs on the H200 preset") {
  const fs::path dir = fresh_dir("gpu-e2e-h200-resnet");
  const nlohmann::json r = run_preset("h200-sxm", "resnet50", dir / "run");
  CHECK(r["meta"]["config_name"] == "h200-sxm");
  CHECK(r["summary"]["inferences_per_s"].get<double>() > 0);
  CHECK(stat(r, "summary", "dram_bandwidth_peak") == Approx(4.8e12).epsilon(0.01));
  CHECK(stat(r, "summary", "hbm_weights") == Approx(25.6e6).epsilon(0.05));
}

TEST_CASE("gpu e2e: a decode batch larger than HBM is refused with what it needs") {
  const fs::path dir = fresh_dir("gpu-e2e-capacity");
  const std::string trace = (dir / "llama2-70b-decode-b64.json").string();
  const Outcome zoo = run_axsim("zoo llama2-70b --phase decode --batch 64 -o " + trace);
  INFO(zoo.output);
  REQUIRE(zoo.exit_code == 0);
  const Outcome o = run_axsim("run " + kSource + "/configs/gpu/h100-sxm.yaml " + trace + " -o " +
                              (dir / "run").string());
  INFO(o.output);
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains("h100-sxm.yaml:"));
  CHECK_THAT(o.output, Catch::Contains("gpu.memory"));
  CHECK_THAT(o.output, Catch::Contains("needs"));
  CHECK_THAT(o.output, Catch::Contains("KV cache"));
  CHECK_THAT(o.output, Catch::Contains("but the memory holds"));
}
