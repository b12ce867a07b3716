// End-to-end: the axsim binary as a user runs it, exit codes and messages included.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using Outcome = axsim::test::CommandOutcome;
using axsim::test::run_axsim;
using axsim::test::fresh_dir;

const std::string kConfig = std::string(AXSIM_SOURCE_DIR) + "/configs/systolic/tpu-v1.yaml";

}  // namespace

TEST_CASE("cli: --help lists the commands and exits 0") {
  const Outcome o = run_axsim("--help");
  CHECK(o.exit_code == 0);
  for (const char* command : {"run", "validate", "zoo", "rtl-check"}) {
    CHECK_THAT(o.output, Catch::Contains(command));
  }
}

TEST_CASE("cli: an unknown command is bad input, exit 2") {
  const Outcome o = run_axsim("frobnicate");
  CHECK(o.exit_code == 2);
}

TEST_CASE("cli: validate accepts the default config and names what it checked") {
  const Outcome o = run_axsim("validate " + kConfig);
  CHECK(o.exit_code == 0);
  CHECK_THAT(o.output, Catch::Contains("kind systolic"));
}

TEST_CASE("cli: a misspelt key is rejected with file, line and a suggestion") {
  const fs::path dir = fresh_dir("cli-misspelt");
  std::ofstream(dir / "bad.yaml") << "base: " << kConfig << "\nsystolic:\n  clok: 1 GHz\n";
  const Outcome o = run_axsim("validate " + (dir / "bad.yaml").string());
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains("bad.yaml:3"));
  CHECK_THAT(o.output, Catch::Contains("clok"));
  CHECK_THAT(o.output, Catch::Contains("did you mean 'clock'"));
}

TEST_CASE("cli: a wrong unit from --set names the override") {
  const Outcome o = run_axsim("validate " + kConfig + " --set systolic.dram.bandwidth=34GHz");
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains("systolic.dram.bandwidth"));
  CHECK_THAT(o.output, Catch::Contains("--set"));
}

TEST_CASE("cli: a missing trace is bad input and leaves no result behind") {
  const fs::path dir = fresh_dir("cli-missing");
  const Outcome o = run_axsim("run " + kConfig + " " + (dir / "nope.json").string() + " -o " +
                          (dir / "out").string());
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains("nope.json"));
  CHECK_FALSE(fs::exists(dir / "out" / "result.json"));
}

TEST_CASE("cli: zoo then run writes a result with per-layer breakdown") {
  const fs::path dir = fresh_dir("cli-zoo-run");
  const std::string trace = (dir / "resnet18.json").string();
  const Outcome zoo = run_axsim("zoo resnet18 -o " + trace);
  REQUIRE(zoo.exit_code == 0);
  const Outcome run = run_axsim("run " + kConfig + " " + trace + " -o " + (dir / "out").string());
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("resnet18 on tpu-v1"));
  std::ifstream in(dir / "out" / "result.json");
  const nlohmann::json result = nlohmann::json::parse(in);
  CHECK(result["schema"] == "axsim-result");
  CHECK(result["meta"]["kind"] == "systolic");
  CHECK(result["summary"]["latency_s"].get<double>() > 0);
  CHECK(result["layers"].size() > 20);
  // ResNet-18 is ~1.82 G MACs at 224x224.
  CHECK(result["summary"]["macs"].get<double>() == Approx(1.82e9).epsilon(0.02));
}

TEST_CASE("cli: a SCALE-Sim topology imports and runs") {
  const fs::path dir = fresh_dir("cli-scalesim");
  std::ofstream(dir / "topo.csv")
      << "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
         "Num Filter, Strides,\n"
         "Conv1, 224, 224, 7, 7, 3, 64, 2,\n"
         "Conv2, 109, 109, 3, 3, 64, 64, 1,\n";
  const std::string trace = (dir / "topo.json").string();
  const Outcome imported = run_axsim("import " + (dir / "topo.csv").string() + " -o " + trace);
  REQUIRE(imported.exit_code == 0);
  // Conv1: 109 x 109 outputs x 64 filters x 7x7x3; Conv2: 107 x 107 x 64 x 3x3x64.
  CHECK_THAT(imported.output,
             Catch::Contains(std::to_string(109LL * 109 * 64 * 147 + 107LL * 107 * 64 * 576)));
  const Outcome run = run_axsim("run " + kConfig + " " + trace + " -o " + (dir / "out").string());
  CHECK(run.exit_code == 0);
}

TEST_CASE("cli: importing an unsupported file type is bad input") {
  const fs::path dir = fresh_dir("cli-import-bad");
  std::ofstream(dir / "net.txt") << "hello\n";
  const Outcome o = run_axsim("import " + (dir / "net.txt").string() + " -o x.json");
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains("net.txt"));
}

TEST_CASE("cli: validate names traces and technology tables") {
  const std::string source = AXSIM_SOURCE_DIR;
  const Outcome o = run_axsim("validate " + source + "/workloads/traces/ds-cnn.json " + source +
                          "/configs/tech/horowitz-45nm.yaml");
  CHECK(o.exit_code == 0);
  CHECK_THAT(o.output, Catch::Contains("trace 'ds-cnn' (21 layers"));
  CHECK_THAT(o.output, Catch::Contains("technology table 'horowitz-45nm'"));
}

TEST_CASE("cli: validate names memory presets and sweeps and a bad preset names its key") {
  const std::string source = AXSIM_SOURCE_DIR;
  const Outcome o = run_axsim("validate " + source + "/configs/mem/h100-hbm3.yaml " + source +
                              "/configs/mem/sram-h100-smem.yaml " + source +
                              "/configs/sweeps/demo.yaml");
  CHECK(o.exit_code == 0);
  CHECK_THAT(o.output, Catch::Contains("DRAM preset 'h100-hbm3'"));
  CHECK_THAT(o.output, Catch::Contains("peak 3350.0 GB/s"));
  CHECK_THAT(o.output, Catch::Contains("SRAM preset 'h100-sm-shared-memory' (256.0 KiB"));
  CHECK_THAT(o.output, Catch::Contains("sweep 'demo' (1 configs, 2 workloads, 3 axes)"));

  const Outcome bad = run_axsim("validate " + source + "/configs/mem/hbm3.yaml --set timing.tRC=10");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("must be at least tRAS + tRP"));
  CHECK_THAT(bad.output, !Catch::Contains("ok: "));
}

#ifdef AXSIM_HAVE_RTL
TEST_CASE("cli: rtl-check prints the agreement table and every check agrees") {
  const Outcome o = run_axsim("rtl-check --seed 3");
  CHECK(o.exit_code == 0);
  CHECK_THAT(o.output, Catch::Contains("weight_stationary"));
  CHECK_THAT(o.output, Catch::Contains("0 disagree"));
  CHECK_THAT(o.output, !Catch::Contains("MISMATCH"));
}
#endif
