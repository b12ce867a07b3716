// axsim mem-bench through the built binary: the table, the three output files, and the one-line
// errors (exit code 2, naming file, line and key) for presets a user gets wrong.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using Outcome = axsim::test::CommandOutcome;
using axsim::test::fresh_dir;

Outcome mem_bench(const std::string& args) {
  return axsim::test::run_command(std::string(AXSIM_BINARY) + " mem-bench " + args);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// An HBM3 preset with `lines` written over it, as a user's own file would be.
fs::path hbm3_variant(const fs::path& dir, const std::string& lines) {
  const fs::path file = dir / "bad.yaml";
  std::ofstream(file) << "base: " << AXSIM_SOURCE_DIR << "/configs/mem/hbm3.yaml\n" << lines;
  return file;
}

const std::string kSmall =
    " --pattern sequential_read --pattern random_read --loads 0.25,1 --requests 2048";

}  // namespace

TEST_CASE("mem-bench: prints the table and writes json csv and html") {
  const fs::path dir = fresh_dir("mem-bench-ok");
  const Outcome o = mem_bench(std::string(AXSIM_SOURCE_DIR) + "/configs/mem/hbm3.yaml -o " +
                              (dir / "out").string() + kSmall);
  REQUIRE(o.exit_code == 0);
  CHECK_THAT(o.output, Catch::Contains("hbm3-6400 (HBM3): peak 819 GB/s"));
  CHECK_THAT(o.output, Catch::Contains("sequential_read") && Catch::Contains("saturation"));

  const nlohmann::json results =
      nlohmann::json::parse(read_text(dir / "out" / "bandwidth_latency.json"));
  CHECK(results["memory"]["name"] == "hbm3-6400");
  // Two patterns, each at two loads and at saturation.
  REQUIRE(results["rows"].size() == 6);
  for (const auto& row : results["rows"]) {
    CHECK(row["bandwidth_bytes_per_s"].get<double>() > 0);
    CHECK(row["bandwidth_bytes_per_s"].get<double>() <=
          results["memory"]["peak_bandwidth_bytes_per_s"].get<double>());
  }
  // A stream of row hits delivers more than random bursts do, at saturation.
  CHECK(results["rows"][2]["bandwidth_bytes_per_s"].get<double>() >
        results["rows"][5]["bandwidth_bytes_per_s"].get<double>());

  const std::string csv = read_text(dir / "out" / "bandwidth_latency.csv");
  CHECK_THAT(csv, Catch::StartsWith("pattern,saturation,offered_load,"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 7);
  const std::string html = read_text(dir / "out" / "bandwidth_latency.html");
  CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("axsim mem-bench: hbm3-6400"));
  // Written atomically: no temporary file is left beside the results.
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
  }
}

TEST_CASE("mem-bench: an impossible tRC stops with exit code 2 naming the file line and key") {
  const fs::path dir = fresh_dir("mem-bench-trc");
  const fs::path file = hbm3_variant(dir, "timing:\n  tRC: 50\n");
  const Outcome o = mem_bench(file.string() + " -o " + (dir / "out").string());
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains(file.string() + ":3:") && Catch::Contains("timing.tRC") &&
                           Catch::Contains("tRAS + tRP"));
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("mem-bench: a preset that does not exist stops with exit code 2") {
  const fs::path dir = fresh_dir("mem-bench-missing");
  const Outcome o = mem_bench((dir / "hbm9.yaml").string());
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains("hbm9.yaml") && Catch::Contains("no such file"));
}

TEST_CASE("mem-bench: a clock without its unit stops with exit code 2 naming the key") {
  const fs::path dir = fresh_dir("mem-bench-unit");
  const fs::path file = hbm3_variant(dir, "clock: 1.6\n");
  const Outcome o = mem_bench(file.string());
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Catch::Contains(file.string() + ":2:") && Catch::Contains("clock") &&
                           Catch::Contains("missing unit"));
}

TEST_CASE("mem-bench: an unknown pattern or a load of zero is refused with exit code 2") {
  const std::string preset = std::string(AXSIM_SOURCE_DIR) + "/configs/mem/lpddr5.yaml";
  const Outcome pattern = mem_bench(preset + " --pattern zigzag");
  CHECK(pattern.exit_code == 2);
  CHECK_THAT(pattern.output, Catch::Contains("zigzag"));
  const Outcome load = mem_bench(preset + " --loads 0,0.5 --requests 64");
  CHECK(load.exit_code == 2);
  CHECK_THAT(load.output, Catch::Contains("offered loads must be positive"));
}
