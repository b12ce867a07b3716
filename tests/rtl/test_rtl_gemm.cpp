// Direct runs of the Verilated systolic array: hand-derived cycle counts, extreme operand
// values and the facade's error handling.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "hw/rtl_check.h"
#include "hw/systolic_facade.h"
#include "models/compute/reference_gemm.h"

using namespace axsim;
using compute::Dataflow;

TEST_CASE("one exactly fitting tile takes the hand-derived cycles on the RTL", "[rtl]") {
  const std::vector<int8_t> a = hw::random_int8_matrix(4, 4, 7);
  const std::vector<int8_t> b = hw::random_int8_matrix(4, 4, 8);
  // OS: 4 beats + 6 skew + 4 drain; WS: 4 load + 4 beats + 7 through the array.
  CHECK(hw::run_gemm_on_rtl(4, 4, Dataflow::output_stationary, 4, 4, 4, a, b).cycles == 14);
  CHECK(hw::run_gemm_on_rtl(4, 4, Dataflow::weight_stationary, 4, 4, 4, a, b).cycles == 15);
}

TEST_CASE("extreme INT8 operands are bit-exact in every dataflow", "[rtl]") {
  const int64_t m = 5, k = 11, n = 9;
  std::vector<int8_t> a(static_cast<size_t>(m * k), -128);
  std::vector<int8_t> b(static_cast<size_t>(k * n), -128);
  for (size_t i = 0; i < b.size(); i += 3) b[i] = 127;
  const std::vector<int32_t> want = compute::reference_gemm(m, k, n, a, b);
  for (Dataflow d :
       {Dataflow::output_stationary, Dataflow::weight_stationary, Dataflow::input_stationary}) {
    INFO(compute::dataflow_name(d));
    CHECK(hw::run_gemm_on_rtl(4, 8, d, m, k, n, a, b).c == want);
  }
}

TEST_CASE("a GEMM with a zero dimension takes no RTL cycles", "[rtl]") {
  const hw::RtlGemmResult r =
      hw::run_gemm_on_rtl(4, 4, Dataflow::output_stationary, 3, 0, 2, {}, {});
  CHECK(r.cycles == 0);
  CHECK(r.c == std::vector<int32_t>(6, 0));
}

TEST_CASE("the facade rejects array sizes that were not verilated", "[rtl]") {
  CHECK_THROWS_AS(hw::run_gemm_on_rtl(16, 16, Dataflow::output_stationary, 1, 1, 1, {1}, {1}),
                  std::invalid_argument);
}
