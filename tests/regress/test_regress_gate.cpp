// The regression gate through the axsim binary, as CI runs it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using Outcome = axsim::test::CommandOutcome;
using axsim::test::run_axsim;
using axsim::test::fresh_dir;

std::string file_text(const fs::path& path) {
  std::ifstream in(path);
  INFO(path.string());
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kSource = AXSIM_SOURCE_DIR;

}  // namespace

TEST_CASE("regress gate: the default suite matches its goldens, exit 0") {
  const fs::path out = fresh_dir("regress-default");
  const Outcome o =
      run_axsim("regress " + kSource + "/configs/regress/default.yaml -j 2 -o " + out.string());
  INFO(o.output);
  CHECK(o.exit_code == 0);
  CHECK_THAT(o.output, Catch::Contains("14 of 14 cases within tolerance"));
  CHECK_THAT(o.output, !Catch::Contains("FAIL"));
  CHECK(fs::exists(out / "report.json"));
  CHECK_THAT(file_text(out / "junit.xml"),
             Catch::Contains("<testsuite name=\"default\" tests=\"14\" failures=\"0\""));
  CHECK_THAT(file_text(out / "report.html"), Catch::Contains("14 of 14 cases within tolerance"));
}

TEST_CASE("regress gate: doubled DRAM bandwidth against the default golden fails on latency") {
  const fs::path dir = fresh_dir("regress-bandwidth");
  const fs::path suite = dir / "suite.yaml";
  std::ofstream(suite) << "name: bandwidth\n"
                          "golden_dir: "
                       << kSource
                       << "/tests/golden\n"
                          "cases:\n"
                          "  - name: resnet50-tpu-v1\n"
                          "    config: "
                       << kSource
                       << "/configs/systolic/tpu-v1.yaml\n"
                          "    trace: "
                       << kSource
                       << "/workloads/traces/resnet50.json\n"
                          "    set: [\"systolic.dram.bandwidth=68 GB/s\"]\n";
  const Outcome o = run_axsim("regress " + suite.string() + " -o " + (dir / "out").string());
  INFO(o.output);
  CHECK(o.exit_code == 1);
  bool latency_failed = false;
  std::istringstream lines(o.output);
  for (std::string line; std::getline(lines, line);) {
    latency_failed |=
        line.find(" latency_s ") != std::string::npos && line.find("FAIL") != std::string::npos;
  }
  CHECK(latency_failed);
  CHECK_THAT(o.output, Catch::Contains("REGRESSED"));
  CHECK_THAT(file_text(dir / "out" / "junit.xml"),
             Catch::Contains("failures=\"1\"") && Catch::Contains("<failure message=\"latency_s:"));
  CHECK_THAT(file_text(dir / "out" / "report.html"),
             Catch::Contains("<tr class=\"fail\"><td>latency_s</td>"));
}

TEST_CASE("regress gate: a bad suite is bad input, exit 2, naming file and key") {
  const fs::path dir = fresh_dir("regress-bad");
  const fs::path suite = dir / "suite.yaml";
  std::ofstream(suite) << "name: bad\ngolden_dir: g\ncases: []\n";
  const Outcome o = run_axsim("regress " + suite.string() + " -o " + (dir / "out").string());
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains(suite.string()) && Catch::Contains("cases"));
}
