#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "sweep/outputs.h"
#include "sweep/points.h"
#include "sweep/sweep_spec.h"

using namespace axsim;
namespace fs = std::filesystem;

namespace {

// A spec file in a fresh folder, next to an (empty) config and trace it can name.
std::string write_spec(const std::string& name, const std::string& body) {
  const fs::path dir = fs::temp_directory_path() / ("axsim-sweep-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.yaml") << "kind: systolic\n";
  std::ofstream(dir / "net.json") << "{}\n";
  std::ofstream(dir / "sweep.yaml") << "name: " << name
                                    << "\nconfigs: [a.yaml]\nworkloads: [net.json]\n" << body;
  return (dir / "sweep.yaml").string();
}

std::string error_of(const std::string& path) {
  try {
    sweep::load_sweep_spec(path);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("sweep: lists, linear and log ranges become --set values") {
  const sweep::SweepSpec spec = sweep::load_sweep_spec(write_spec("ranges",
      "axes:\n"
      "  a.rows: [64, 128]\n"
      "  a.lanes: {from: 64, to: 256, step: 64}\n"
      "  a.sram: {from: 1, to: 16, count: 5, log: true, unit: MiB}\n"));
  REQUIRE(spec.axes.size() == 3);
  CHECK(spec.axes[0].values == std::vector<std::string>{"64", "128"});
  CHECK(spec.axes[1].values == std::vector<std::string>{"64", "128", "192", "256"});
  CHECK(spec.axes[2].values ==
        std::vector<std::string>{"1 MiB", "2 MiB", "4 MiB", "8 MiB", "16 MiB"});
  const auto points = sweep::expand_points(spec);
  CHECK(points.size() == 2 * 4 * 5);
  CHECK(points[1].overrides() ==
        std::vector<std::string>{"a.rows=64", "a.lanes=64", "a.sram=2 MiB"});
  CHECK(spec.objectives == std::vector<std::string>{"latency_s", "energy_j"});
}

TEST_CASE("sweep: zip pairs the axes value by value and needs equal lengths") {
  const auto spec = sweep::load_sweep_spec(
      write_spec("zip", "combine: zip\naxes:\n  a.rows: [64, 128]\n  a.cols: [32, 16]\n"));
  const auto points = sweep::expand_points(spec);
  REQUIRE(points.size() == 2);
  CHECK(points[1].overrides() == std::vector<std::string>{"a.rows=128", "a.cols=16"});
  CHECK_THAT(error_of(write_spec("zip-bad", "combine: zip\naxes:\n  a: [1, 2]\n  b: [1]\n")),
             Catch::Contains("zip needs axes of equal length"));
}

TEST_CASE("sweep: bad specs name the file, line and key") {
  CHECK_THAT(error_of(write_spec("objective", "axes: {a: [1]}\nobjectives: [speed]\n")),
             Catch::Contains("sweep.yaml:5") && Catch::Contains("unknown objective 'speed'"));
  CHECK_THAT(error_of(write_spec("missing", "axes: {a: [1]}\nworkloads2: []\n")),
             Catch::Contains("unknown key 'workloads2'"));
  CHECK_THAT(error_of(write_spec("range", "axes:\n  a: {from: 8, to: 1, step: 1}\n")),
             Catch::Contains("sweep.yaml:5") && Catch::Contains("to >= from"));
  const std::string no_file = write_spec("nofile", "axes: {a: [1]}\n");
  std::ofstream(no_file) << "name: x\nconfigs: [nope.yaml]\nworkloads: [net.json]\naxes: {}\n";
  CHECK_THAT(error_of(no_file), Catch::Contains("sweep.yaml:2") && Catch::Contains("nope.yaml"));
}

TEST_CASE("sweep: the Pareto front keeps exactly the non-dominated points") {
  // (latency, energy): b dominates d; a, b, c trade off; e equals b (neither dominates).
  const std::vector<std::vector<double>> rows = {{1, 9}, {2, 4}, {5, 1}, {3, 5}, {2, 4}};
  CHECK(sweep::pareto_front(rows) == std::vector<bool>{true, true, true, false, true});
}

TEST_CASE("sweep: objectives read the summary, maximised ones negated") {
  const nlohmann::json summary = {
      {"latency_s", 2.0}, {"inferences_per_s", 0.5}, {"stall", {{"memory_s", 1.5}}}};
  CHECK(sweep::objective_value(summary, "latency_s") == 2.0);
  CHECK(sweep::objective_value(summary, "neg_inferences_per_s") == -0.5);
  CHECK(sweep::objective_value(summary, "memory_s") == 1.5);
  // A result that does not report an objective is a clear error, not a silent zero.
  CHECK_THROWS_WITH(sweep::objective_value(summary, "neg_min_sqnr_db"),
                    Catch::Contains("has no 'min_sqnr_db'"));
}

TEST_CASE("sweep: constraints prune points, e.g. a MAC budget") {
  const auto spec = sweep::load_sweep_spec(write_spec("budget",
      "axes:\n  a.rows: [64, 128, 256]\n  a.cols: [64, 128, 256]\n"
      "constraints: ['a.rows * a.cols <= 16384', 'a.rows <= a.cols']\n"));
  const auto points = sweep::expand_points(spec);
  std::vector<std::vector<std::string>> kept;
  for (const auto& p : points) kept.push_back(p.overrides());
  CHECK(kept == std::vector<std::vector<std::string>>{{"a.rows=64", "a.cols=64"},
                                                      {"a.rows=64", "a.cols=128"},
                                                      {"a.rows=64", "a.cols=256"},
                                                      {"a.rows=128", "a.cols=128"}});
  CHECK_THAT(error_of(write_spec("budget-bad", "axes: {a: [1]}\nconstraints: ['a * b < 3']\n")),
             Catch::Contains("sweep.yaml:5") && Catch::Contains("'b' is neither a number"));
  CHECK_THAT(error_of(write_spec("budget-op", "axes: {a: [1]}\nconstraints: ['a']\n")),
             Catch::Contains("needs a comparison"));
}

TEST_CASE("sweep: random sampling is a seeded subset of the points") {
  const std::string body = "axes:\n  a: {from: 1, to: 100, step: 1}\n  b: [1, 2]\n"
                           "sample: {method: random, count: 10, seed: 7}\n";
  const auto first = sweep::expand_points(sweep::load_sweep_spec(write_spec("random", body)));
  const auto again = sweep::expand_points(sweep::load_sweep_spec(write_spec("random", body)));
  REQUIRE(first.size() == 10);
  for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].overrides() == again[i].overrides());
}

TEST_CASE("sweep: a Latin hypercube covers every stratum of every axis once") {
  const auto spec = sweep::load_sweep_spec(write_spec("lhs",
      "axes:\n  a: {from: 0, to: 9, step: 1}\n  b: {from: 10, to: 19, step: 1}\n"
      "sample: {method: lhs, count: 10, seed: 3}\n"));
  const auto points = sweep::expand_points(spec);
  REQUIRE(points.size() == 10);
  std::set<std::string> a_values, b_values;
  for (const auto& p : points) {
    a_values.insert(p.settings[0].second);
    b_values.insert(p.settings[1].second);
  }
  // 10 strata over 10 values: each value exactly once on each axis.
  CHECK(a_values.size() == 10);
  CHECK(b_values.size() == 10);
}
