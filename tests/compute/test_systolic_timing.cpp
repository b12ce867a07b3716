// Timing of the systolic-array model against numbers derived by hand from the equations in
// docs/compute-timing.md, plus the properties every GEMM timing must have.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "models/compute/systolic_array.h"

using namespace axsim::compute;

namespace {

ArrayConfig array(int64_t rows, int64_t cols, Dataflow dataflow) {
  ArrayConfig config;
  config.shape = {rows, cols};
  config.dataflow = dataflow;
  return config;
}

constexpr Dataflow all_dataflows[] = {Dataflow::output_stationary, Dataflow::weight_stationary,
                                      Dataflow::input_stationary};

}  // namespace

TEST_CASE("dataflow names round-trip and bad names are rejected", "[compute]") {
  for (Dataflow d : all_dataflows) CHECK(parse_dataflow(dataflow_name(d)) == d);
  CHECK(parse_dataflow("ws") == Dataflow::weight_stationary);
  CHECK_THROWS_AS(parse_dataflow("row_stationary"), std::invalid_argument);
}

TEST_CASE("an output-stationary GEMM that exactly fits: K + (R+C-2) fill + R drain", "[compute]") {
  const GemmTiming t = time_gemm(array(4, 4, Dataflow::output_stationary), {4, 4, 4});
  CHECK(t.folds == 1);
  CHECK(t.load_cycles == 0);
  CHECK(t.compute_cycles == 4);
  CHECK(t.fill_drain_cycles == 6 + 4);
  CHECK(t.cycles == 14);
  CHECK(t.macs == 64);
  CHECK(t.utilization == Approx(64.0 / (14 * 16)));
  CHECK(t.a_reads == 16);
  CHECK(t.b_reads == 16);
  CHECK(t.c_writes == 16);
}

TEST_CASE("a weight-stationary GEMM that exactly fits: R load + M + (R+C-1) fill/drain",
          "[compute]") {
  const GemmTiming t = time_gemm(array(4, 4, Dataflow::weight_stationary), {4, 4, 4});
  CHECK(t.folds == 1);
  CHECK(t.load_cycles == 4);
  CHECK(t.compute_cycles == 4);
  CHECK(t.fill_drain_cycles == 7);
  CHECK(t.cycles == 15);
}

TEST_CASE("input-stationary maps K on rows, M on columns and streams N", "[compute]") {
  const GemmTiming t = time_gemm(array(4, 8, Dataflow::input_stationary), {8, 4, 10});
  CHECK(t.folds == 1);
  CHECK(t.cycles == 4 + 10 + (4 + 8 - 1));
  CHECK(t.a_reads == 32);
  CHECK(t.b_reads == 40);
  CHECK(t.c_writes == 80);
}

TEST_CASE("folds over a ragged GEMM: output-stationary 9x5x17 on 4x8", "[compute]") {
  const GemmTiming t = time_gemm(array(4, 8, Dataflow::output_stationary), {9, 5, 17});
  CHECK(t.folds == 3 * 3);  // ceil(9/4) row folds x ceil(17/8) column folds
  CHECK(t.cycles == 9 * (5 + 10 + 4));
  CHECK(t.a_reads == 9 * 5 * 3);   // A re-read per column fold
  CHECK(t.b_reads == 5 * 17 * 3);  // B re-read per row fold
  CHECK(t.c_writes == 9 * 17);
}

TEST_CASE("folds over a ragged GEMM: weight-stationary 9x10x17 on 4x8", "[compute]") {
  const GemmTiming t = time_gemm(array(4, 8, Dataflow::weight_stationary), {9, 10, 17});
  CHECK(t.folds == 3 * 3);  // ceil(10/4) K folds x ceil(17/8) N folds
  CHECK(t.cycles == 9 * (4 + 9 + 11));
  CHECK(t.b_reads == 10 * 17);      // each weight loaded once
  CHECK(t.c_writes == 9 * 17 * 3);  // partial sums accumulated per K fold
  CHECK(t.a_reads == 9 * 10 * 3);   // inputs re-streamed per N fold
}

TEST_CASE("MACs are exact and utilization never exceeds 1", "[compute]") {
  for (Dataflow d : all_dataflows) {
    for (int64_t m : {1, 3, 8, 33}) {
      for (int64_t k : {1, 4, 9, 64}) {
        for (int64_t n : {1, 7, 8, 40}) {
          const GemmTiming t = time_gemm(array(4, 8, d), {m, k, n});
          CHECK(t.macs == m * k * n);
          CHECK(t.utilization > 0.0);
          CHECK(t.utilization <= 1.0);
          CHECK(t.cycles == t.load_cycles + t.compute_cycles + t.fill_drain_cycles);
        }
      }
    }
  }
}

TEST_CASE("a long stream through a full array approaches full utilization", "[compute]") {
  const GemmTiming t = time_gemm(array(16, 16, Dataflow::output_stationary), {16, 100000, 16});
  CHECK(t.utilization > 0.999);
}

TEST_CASE("cycles never decrease as a GEMM dimension grows", "[compute]") {
  for (Dataflow d : all_dataflows) {
    const ArrayConfig config = array(4, 8, d);
    for (int64_t a = 1; a <= 12; ++a) {
      for (int64_t b = 1; b <= 12; ++b) {
        for (int64_t grow = 1; grow <= 20; ++grow) {
          CHECK(time_gemm(config, {grow + 1, a, b}).cycles >=
                time_gemm(config, {grow, a, b}).cycles);
          CHECK(time_gemm(config, {a, grow + 1, b}).cycles >=
                time_gemm(config, {a, grow, b}).cycles);
          CHECK(time_gemm(config, {a, b, grow + 1}).cycles >=
                time_gemm(config, {a, b, grow}).cycles);
        }
      }
    }
  }
}

TEST_CASE("an empty GEMM takes no time - bad shapes are rejected", "[compute]") {
  const GemmTiming t = time_gemm(array(4, 4, Dataflow::weight_stationary), {8, 0, 8});
  CHECK(t.cycles == 0);
  CHECK(t.folds == 0);
  CHECK(t.utilization == 0.0);
  CHECK_THROWS_AS(time_gemm(array(4, 4, Dataflow::output_stationary), {-1, 2, 2}),
                  std::invalid_argument);
  CHECK_THROWS_AS(time_gemm(array(0, 4, Dataflow::output_stationary), {1, 1, 1}),
                  std::invalid_argument);
}
