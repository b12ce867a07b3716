// The comparison rules of `axsim regress`, on hand-made snapshots.
#include <catch2/catch.hpp>
#include <cmath>

#include "regress/compare.h"

using namespace axsim::regress;

namespace {

Snapshot reference() {
  Snapshot s;
  s.metrics = {{"latency_s", 1.0e-3},      {"cycles", 700000},       {"inferences_per_s", 1000},
               {"energy_j", 0.02},         {"bytes.dram", 1.0e6},    {"stall.compute_s", 0.7e-3},
               {"stall.memory_s", 0.2e-3}, {"stall.other_s", 0.1e-3}};
  s.layers = {{"conv1", "conv2d", 0.6e-3}, {"fc", "matmul", 0.4e-3}};
  return s;
}

const Check& find_check(const std::vector<Check>& checks, const std::string& metric) {
  for (const Check& c : checks) {
    if (c.metric == metric) return c;
  }
  FAIL("no check for " << metric);
  return checks.front();
}

Tolerances defaults() {
  Tolerances t;
  t.set("latency_s", 0.001);
  t.set("layers", 0.01);
  return t;
}

}  // namespace

TEST_CASE("regress compare: identical snapshots pass every check") {
  const std::vector<Check> checks = compare(reference(), reference(), defaults());
  CHECK(all_pass(checks));
  CHECK(find_check(checks, "layers").note == "names and ops identical");
  CHECK(find_check(checks, "layer latency_s").change == 0);
}

TEST_CASE("regress compare: a change within tolerance passes") {
  Snapshot now = reference();
  now.metrics["latency_s"] *= 1.0005;
  const std::vector<Check> checks = compare(reference(), now, defaults());
  const Check& c = find_check(checks, "latency_s");
  CHECK(c.pass);
  CHECK(c.change == Approx(0.0005));
}

TEST_CASE("regress compare: a change beyond tolerance fails, in either direction") {
  for (const double factor : {1.002, 0.998}) {
    Snapshot now = reference();
    now.metrics["latency_s"] *= factor;
    const std::vector<Check> checks = compare(reference(), now, defaults());
    CHECK_FALSE(find_check(checks, "latency_s").pass);
    CHECK_FALSE(all_pass(checks));
  }
}

TEST_CASE("regress compare: cycles follow the latency tolerance unless set") {
  Snapshot now = reference();
  now.metrics["cycles"] *= 1.002;
  CHECK_FALSE(find_check(compare(reference(), now, defaults()), "cycles").pass);
  Tolerances loose = defaults();
  loose.set("cycles", 0.01);
  CHECK(find_check(compare(reference(), now, loose), "cycles").pass);
}

TEST_CASE("regress compare: the worst layer is reported and judged by the layers tolerance") {
  Snapshot now = reference();
  now.layers[1].latency_s *= 1.05;
  now.layers[0].latency_s *= 1.001;
  const std::vector<Check> checks = compare(reference(), now, defaults());
  const Check& c = find_check(checks, "layer latency_s");
  CHECK_FALSE(c.pass);
  CHECK(c.change == Approx(0.05));
  CHECK_THAT(c.note, Catch::Contains("fc"));
}

TEST_CASE("regress compare: a renamed layer fails the layer list") {
  Snapshot now = reference();
  now.layers[1].name = "classifier";
  const std::vector<Check> checks = compare(reference(), now, defaults());
  const Check& list = find_check(checks, "layers");
  CHECK_FALSE(list.pass);
  CHECK_THAT(list.note, Catch::Contains("'fc'") && Catch::Contains("'classifier'"));
}

TEST_CASE("regress compare: a changed op or a dropped layer fails the layer list") {
  Snapshot changed_op = reference();
  changed_op.layers[0].op = "depthwise_conv2d";
  CHECK_FALSE(find_check(compare(reference(), changed_op, defaults()), "layers").pass);
  Snapshot dropped = reference();
  dropped.layers.pop_back();
  const std::vector<Check> checks = compare(reference(), dropped, defaults());
  const Check& list = find_check(checks, "layers");
  CHECK_FALSE(list.pass);
  CHECK_THAT(list.note, Catch::Contains("missing"));
}

TEST_CASE("regress compare: a memory level that appears or disappears fails") {
  Snapshot now = reference();
  now.metrics.erase("bytes.dram");
  now.metrics["bytes.sram"] = 5.0e6;
  const std::vector<Check> checks = compare(reference(), now, defaults());
  CHECK_FALSE(find_check(checks, "bytes.dram").pass);
  CHECK_FALSE(find_check(checks, "bytes.sram").pass);
}

TEST_CASE("regress compare: a change from zero is infinite and fails any tolerance") {
  CHECK(relative_change(0, 0) == 0);
  CHECK(std::isinf(relative_change(0, 1e-12)));
  Snapshot golden = reference();
  golden.metrics["stall.other_s"] = 0;
  Tolerances loose = defaults();
  loose.set("stall", 1.0);
  CHECK_FALSE(find_check(compare(golden, reference(), loose), "stall.other_s").pass);
}

TEST_CASE("regress compare: summary rows come in table order") {
  const std::vector<Check> checks = compare(reference(), reference(), defaults());
  REQUIRE(checks.size() >= 2);
  CHECK(checks[0].metric == "latency_s");
  CHECK(checks[1].metric == "cycles");
  CHECK(checks.back().metric == "layer latency_s");
}
