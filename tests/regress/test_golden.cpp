// Golden files: their round trip, a missing golden, and what --update reports.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "models/core/error.h"
#include "regress/golden.h"
#include "regress/update.h"
#include "regress/verdict.h"

namespace fs = std::filesystem;
using namespace axsim::regress;

namespace {

Snapshot small() {
  Snapshot s;
  s.metrics = {
      {"latency_s", 2.5e-4}, {"cycles", 175000}, {"bytes.dram", 4096}, {"stall.memory_s", 1.0e-5}};
  s.layers = {{"conv1", "conv2d", 1.5e-4}, {"fc", "matmul", 1.0e-4}};
  s.source = {{"trace_name", "tiny"}};
  return s;
}

Case case_in(const std::string& dir_name) {
  const fs::path dir = fs::temp_directory_path() / dir_name;
  fs::remove_all(dir);
  Case c;
  c.name = "tiny";
  c.golden = (dir / "tiny.json").string();
  return c;
}

}  // namespace

TEST_CASE("regress golden: text round-trips and holds one layer per line") {
  const std::string text = golden_text("tiny", small());
  const Snapshot back = parse_golden(text, "tiny.json");
  CHECK(back.metrics == small().metrics);
  REQUIRE(back.layers.size() == 2);
  CHECK(back.layers[1].name == "fc");
  CHECK(back.layers[1].latency_s == 1.0e-4);
  CHECK_THAT(text, Catch::Contains("\n    {\"name\":\"conv1\",\"op\":\"conv2d\""));
  CHECK_THAT(text, Catch::Contains("\"cycles\": 175000,"));
}

TEST_CASE("regress golden: a file of another schema is bad input naming the file") {
  CHECK_THROWS_WITH(parse_golden("{\"schema\": \"axsim-result\"}", "g.json"),
                    Catch::Contains("g.json") && Catch::Contains("not a golden"));
}

TEST_CASE("regress golden: a missing golden fails with the --update hint") {
  const Case c = case_in("axsim-regress-missing");
  const CaseVerdict v = judge_case(c, small(), "suite.yaml");
  CHECK_FALSE(v.passed());
  REQUIRE(v.checks.size() == 1);
  CHECK_THAT(v.checks[0].note,
             Catch::Contains(c.golden) && Catch::Contains("axsim regress suite.yaml --update"));
}

TEST_CASE("regress golden: --update creates, keeps, then reports what moved") {
  Case c = case_in("axsim-regress-update");
  c.tolerances.set("latency_s", 0.001);
  CHECK(update_golden(c, small()) == "created");
  CHECK(judge_case(c, small(), "s.yaml").passed());
  CHECK(update_golden(c, small()) == "unchanged");
  Snapshot slower = small();
  slower.metrics["latency_s"] *= 1.1;
  CHECK_FALSE(judge_case(c, slower, "s.yaml").passed());
  const std::string what = update_golden(c, slower);
  CHECK_THAT(what, Catch::StartsWith("updated: ") && Catch::Contains("latency_s +10.000%"));
  CHECK(judge_case(c, slower, "s.yaml").passed());
  CHECK(fs::directory_iterator(fs::path(c.golden).parent_path()) != fs::directory_iterator());
  for (const auto& entry : fs::directory_iterator(fs::path(c.golden).parent_path())) {
    CHECK(entry.path().filename() == "tiny.json");  // no temporary left behind
  }
}
