// The mem-bench sweep: the unloaded latency is the one the timing gives, offered loads below
// saturation are carried, and saturation never passes the peak.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "models/mem/dram/mem_bench.h"
#include "tests/dram/test_dram_fixtures.h"

using namespace axsim;
using namespace axsim::mem;

namespace {

MemBenchOptions quick() {
  MemBenchOptions o;
  o.loads = {0.1, 0.5};
  o.requests = 4096;
  return o;
}

}  // namespace

TEST_CASE("mem bench: unloaded read latency is one cycle plus tRCD + CL + tBL plus the front end") {
  const DramSpec spec = test::preset("hbm3.yaml");
  MemBenchOptions o = quick();
  o.patterns = {BenchPattern::sequential_read};
  o.loads = {0.1};
  o.saturation = false;
  const MemBenchResult r = run_mem_bench(spec, o);
  // (1 + 31 + 20 + 2) cycles of 0.625 ns + 10 ns.
  CHECK(r.unloaded_read_latency_from_timing.si == Approx(54 * 0.625e-9 + 10e-9));
  CHECK(r.unloaded_read_latency.si == Approx(r.unloaded_read_latency_from_timing.si));
}

TEST_CASE("mem bench: every pattern and load gives one row in order") {
  const DramSpec spec = test::small_hbm();
  const MemBenchResult r = run_mem_bench(spec, quick());
  REQUIRE(r.rows.size() == 5 * 3);
  CHECK(r.rows[0].pattern == BenchPattern::sequential_read);
  CHECK(r.rows[0].offered_load == 0.1);
  CHECK(r.rows[2].saturation);
  CHECK(r.rows[14].pattern == BenchPattern::strided_read);
  for (const MemBenchRow& row : r.rows) {
    INFO(bench_pattern_name(row.pattern) << " at " << row.offered_load);
    CHECK(row.achieved_fraction > 0);
    CHECK(row.achieved_fraction <= 1.0);
    CHECK(row.latency_p99 >= row.latency_mean * 0.999);
    CHECK(row.latency_mean >= r.unloaded_read_latency * 0.5);
  }
}

TEST_CASE("mem bench: a light load is carried and latency grows toward saturation") {
  const DramSpec spec = test::small_hbm();
  MemBenchOptions o = quick();
  o.patterns = {BenchPattern::sequential_read};
  o.loads = {0.1, 0.9};
  const MemBenchResult r = run_mem_bench(spec, o);
  const MemBenchRow& light = r.rows[0];
  const MemBenchRow& saturated = r.rows[2];
  CHECK(light.achieved_fraction == Approx(0.1).epsilon(0.05));
  CHECK(saturated.latency_mean > light.latency_mean);
  CHECK(saturated.achieved_fraction >= r.rows[1].achieved_fraction * 0.95);
}

TEST_CASE("mem bench: random reads open a row for nearly every burst") {
  const DramSpec spec = test::small_hbm();
  MemBenchOptions o = quick();
  o.patterns = {BenchPattern::random_read, BenchPattern::sequential_read};
  o.loads = {0.2};
  o.saturation = false;
  const MemBenchResult r = run_mem_bench(spec, o);
  CHECK(r.rows[0].row_hit_rate < 0.1);
  CHECK(r.rows[1].row_hit_rate > 0.9);
}

TEST_CASE("mem bench: options that measure nothing are refused") {
  const DramSpec spec = test::small_hbm();
  MemBenchOptions none = quick();
  none.patterns.clear();
  CHECK_THROWS_AS(run_mem_bench(spec, none), std::invalid_argument);
  MemBenchOptions zero = quick();
  zero.loads = {0.0};
  CHECK_THROWS_AS(run_mem_bench(spec, zero), std::invalid_argument);
  MemBenchOptions stride = quick();
  stride.stride_bytes = 64;
  CHECK_THROWS_AS(run_mem_bench(spec, stride), std::invalid_argument);
  CHECK(parse_bench_pattern("copy") == BenchPattern::copy);
  CHECK_FALSE(parse_bench_pattern("stream"));
}
