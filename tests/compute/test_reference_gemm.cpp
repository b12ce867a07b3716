#include <catch2/catch.hpp>
#include <limits>
#include <stdexcept>

#include "models/compute/reference_gemm.h"

using axsim::compute::reference_gemm;

TEST_CASE("reference GEMM against a hand-computed product", "[compute]") {
  // [1 -2 3; -4 5 -6] x [7 -8; 9 10; -11 12]
  const std::vector<int32_t> c =
      reference_gemm(2, 3, 2, {1, -2, 3, -4, 5, -6}, {7, -8, 9, 10, -11, 12});
  CHECK(c == std::vector<int32_t>{7 - 18 - 33, -8 - 20 + 36, -28 + 45 + 66, 32 + 50 - 72});
}

TEST_CASE("reference GEMM wraps at 32 bits like the hardware accumulator", "[compute]") {
  // 2^17 products of (-128)(-128) = 2^14 sum to 2^31, one past INT32_MAX.
  const int64_t k = int64_t{1} << 17;
  const std::vector<int8_t> ones(static_cast<size_t>(k), -128);
  const std::vector<int32_t> c = reference_gemm(1, k, 1, ones, ones);
  CHECK(c[0] == std::numeric_limits<int32_t>::min());
}

TEST_CASE("reference GEMM rejects operands of the wrong size", "[compute]") {
  CHECK_THROWS_AS(reference_gemm(2, 2, 2, {1, 2, 3}, {1, 2, 3, 4}), std::invalid_argument);
}
