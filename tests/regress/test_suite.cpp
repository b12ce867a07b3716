// Suite files: what `axsim regress` accepts, and errors that name file:line:key.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "models/core/error.h"
#include "regress/suite.h"

namespace fs = std::filesystem;
using namespace axsim::regress;

namespace {

const std::string kSource = AXSIM_SOURCE_DIR;

// Writes a suite whose relative paths resolve into the source tree.
std::string write_suite(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "axsim-regress-suite";
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file) << text;
  return file.string();
}

std::string suite_text(const std::string& case_extra, const std::string& top_extra = "") {
  return "name: t\n"
         "golden_dir: " +
         kSource + "/tests/golden\n" + top_extra +
         "cases:\n"
         "  - name: one\n"
         "    config: " +
         kSource +
         "/configs/systolic/tpu-v1.yaml\n"
         "    trace: " +
         kSource + "/workloads/traces/ds-cnn.json\n" + case_extra;
}

}  // namespace

TEST_CASE("regress suite: the default suite loads with resolved paths and tolerances") {
  const Suite suite = load_suite(kSource + "/configs/regress/default.yaml");
  CHECK(suite.name == "default");
  // TPU v1 on the seven checked-in traces, then the GPU, CIM and dataflow presets.
  REQUIRE(suite.cases.size() == 14);
  for (const Case& c : suite.cases) {
    INFO(c.name);
    CHECK(fs::exists(c.config));
    CHECK(fs::exists(c.trace));
    CHECK(fs::exists(c.golden));
    CHECK(fs::path(c.golden).filename() == c.name + ".json");
  }
  const Case& first = suite.cases.front();
  CHECK(first.tolerances.of("latency_s") == 0.001);
  CHECK(first.tolerances.of("layers") == 0.01);
}

TEST_CASE("regress suite: a case's tolerances override the suite's, key by key") {
  const Suite suite = load_suite(
      write_suite("override.yaml", suite_text("    tolerances: {latency_s: 0.0}\n"
                                              "    set: [\"systolic.dram.bandwidth=68 GB/s\"]\n",
                                              "tolerances: {latency_s: 0.05, energy_j: 0.02}\n")));
  const Case& c = suite.cases.front();
  CHECK(c.tolerances.of("latency_s") == 0.0);
  CHECK(c.tolerances.of("cycles") == 0.0);
  CHECK(c.tolerances.of("energy_j") == 0.02);
  CHECK(c.overrides == std::vector<std::string>{"systolic.dram.bandwidth=68 GB/s"});
}

TEST_CASE("regress suite: an unknown key names file, line and key") {
  const std::string file = write_suite("unknown.yaml", suite_text("    trase: x\n"));
  CHECK_THROWS_WITH(load_suite(file), Catch::Contains(file + ":7:") &&
                                          Catch::Contains("key 'cases[0]'") &&
                                          Catch::Contains("unknown key 'trase'"));
}

TEST_CASE("regress suite: a negative tolerance names file, line and key") {
  const std::string file =
      write_suite("negative.yaml", suite_text("    tolerances: {energy_j: -0.1}\n"));
  CHECK_THROWS_WITH(load_suite(file), Catch::Contains(file + ":7:") &&
                                          Catch::Contains("energy_j") && Catch::Contains(">= 0"));
}

TEST_CASE("regress suite: a missing trace names file, line and key") {
  const std::string file = write_suite(
      "missing.yaml", "name: t\ngolden_dir: g\ncases:\n  - name: one\n    config: " + kSource +
                          "/configs/systolic/tpu-v1.yaml\n    trace: nowhere.json\n");
  CHECK_THROWS_WITH(load_suite(file), Catch::Contains(file + ":6:") && Catch::Contains("trace") &&
                                          Catch::Contains("no such file"));
}

TEST_CASE("regress suite: duplicate and unsafe case names are rejected") {
  const std::string dup =
      write_suite("dup.yaml", suite_text("  - name: one\n    config: " + kSource +
                                         "/configs/systolic/tpu-v1.yaml\n    trace: " + kSource +
                                         "/workloads/traces/ds-cnn.json\n"));
  CHECK_THROWS_WITH(load_suite(dup), Catch::Contains("two cases are named 'one'"));
  const std::string unsafe =
      write_suite("unsafe.yaml", "name: t\ngolden_dir: g\ncases:\n  - name: ../escape\n");
  CHECK_THROWS_AS(load_suite(unsafe), axsim::core::InputError);
}

TEST_CASE("regress suite: an override without '=' is rejected where it stands") {
  const std::string file = write_suite("set.yaml", suite_text("    set: [systolic.clock]\n"));
  CHECK_THROWS_WITH(load_suite(file),
                    Catch::Contains(file + ":7:") && Catch::Contains("key=value"));
}
