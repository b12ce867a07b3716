// The plain INT8 GEMM the systolic-array RTL and model are checked against.
#pragma once

#include <cstdint>
#include <vector>

namespace axsim::compute {

// C[m][n] = sum_k A[m][k] * B[k][n], all matrices row-major. Accumulates in 32 bits with
// two's-complement wrap-around, as the hardware accumulators do. Throws
// std::invalid_argument when a or b does not hold m*k or k*n elements.
std::vector<int32_t> reference_gemm(int64_t m, int64_t k, int64_t n, const std::vector<int8_t>& a,
                                    const std::vector<int8_t>& b);

}  // namespace axsim::compute
