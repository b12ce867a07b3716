// A real sweep through the axsim binary: points run in their own processes, results land in
// the cache, a rerun runs nothing, and a bad point is recorded without stopping the others.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using Outcome = axsim::test::CommandOutcome;
using axsim::test::run_axsim;

std::vector<nlohmann::json> read_jsonl(const fs::path& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

fs::path write_sweep(const std::string& name, const std::string& bandwidths) {
  const fs::path dir = fs::temp_directory_path() / ("axsim-sweep-run-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string source = AXSIM_SOURCE_DIR;
  std::ofstream(dir / "sweep.yaml")
      << "name: " << name << "\n"
      << "configs: [" << source << "/configs/systolic/tpu-v1.yaml]\n"
      << "workloads: [" << source << "/workloads/traces/ds-cnn.json]\n"
      << "axes:\n  systolic.array.rows: [32, 256]\n  systolic.dram.bandwidth: " << bandwidths
      << "\n";
  return dir;
}

}  // namespace

TEST_CASE("sweep run: every point runs once, and a rerun takes them all from the cache") {
  const fs::path dir = write_sweep("cache", "['8 GB/s', '34 GB/s']");
  const std::string args = "sweep " + (dir / "sweep.yaml").string() + " -j 2 -o " +
                           (dir / "out").string();
  const Outcome first = run_axsim(args);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.output, Catch::Contains("4 points: 4 ran, 0 from the cache, 0 failed"));
  const auto lines = read_jsonl(dir / "out" / "results.jsonl");
  REQUIRE(lines.size() == 4);
  for (const auto& line : lines) CHECK(fs::exists(line["result"].get<std::string>()));
  // Less bandwidth never makes the same array faster.
  CHECK(lines[0]["summary"]["latency_s"].get<double>() >=
        lines[1]["summary"]["latency_s"].get<double>());

  const Outcome second = run_axsim(args);
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.output, Catch::Contains("0 ran, 4 from the cache"));
  std::ifstream csv(dir / "out" / "summary.csv");
  std::stringstream text;
  text << csv.rdbuf();
  CHECK_THAT(text.str(), Catch::StartsWith("index,config,workload,systolic.array.rows,"
                                           "systolic.dram.bandwidth,status,latency_s"));
}

TEST_CASE("sweep run: a failing point is recorded with its error and the rest still run") {
  const fs::path dir = write_sweep("failing", "['34 GB/s', '34 GHz']");
  const Outcome o = run_axsim("sweep " + (dir / "sweep.yaml").string() + " -o " +
                          (dir / "out").string());
  CHECK(o.exit_code == 1);
  CHECK_THAT(o.output, Catch::Contains("2 ran, 0 from the cache, 2 failed"));
  const auto lines = read_jsonl(dir / "out" / "results.jsonl");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["status"] == "ok");
  CHECK(lines[1]["status"] == "failed");
  CHECK_THAT(lines[1]["error"].get<std::string>(), Catch::Contains("systolic.dram.bandwidth"));
}

TEST_CASE("sweep run: the CIM ADC sweep trades accuracy for energy, one front point per resolution") {
  const fs::path dir = fs::temp_directory_path() / "axsim-sweep-run-cim-adc";
  fs::remove_all(dir);
  const Outcome run = run_axsim("sweep " + std::string(AXSIM_SOURCE_DIR) +
                                "/configs/sweeps/cim-adc.yaml -j 2 -o " + (dir / "out").string());
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("16 points: 16 ran"));
  const auto lines = read_jsonl(dir / "out" / "results.jsonl");
  REQUIRE(lines.size() == 16);
  std::map<int, double> sqnr_by_bits;
  std::map<int, double> energy_by_bits;  // at 28 columns per ADC, the preset's mux
  int front = 0;
  for (const auto& line : lines) {
    const int bits = std::stoi(line["settings"]["cim.macro.adc_bits"].get<std::string>());
    const int mux = std::stoi(line["settings"]["cim.macro.columns_per_adc"].get<std::string>());
    sqnr_by_bits[bits] = line["summary"]["min_sqnr_db"].get<double>();
    if (mux == 28) energy_by_bits[bits] = line["summary"]["energy_j"].get<double>();
    if (line["pareto"].get<bool>()) {
      ++front;
      CHECK(mux == 7);
    }
  }
  CHECK(front == 4);
  for (const int bits : {6, 8, 10}) {
    CHECK(sqnr_by_bits[bits] > sqnr_by_bits[bits - 2] + 6.0);
    CHECK(energy_by_bits[bits] > energy_by_bits[bits - 2]);
  }
}
