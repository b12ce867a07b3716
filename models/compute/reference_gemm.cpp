#include "models/compute/reference_gemm.h"

#include <stdexcept>

namespace axsim::compute {

std::vector<int32_t> reference_gemm(int64_t m, int64_t k, int64_t n, const std::vector<int8_t>& a,
                                    const std::vector<int8_t>& b) {
  if (m < 0 || k < 0 || n < 0) throw std::invalid_argument("reference_gemm: negative dimension");
  if (static_cast<int64_t>(a.size()) != m * k || static_cast<int64_t>(b.size()) != k * n) {
    throw std::invalid_argument("reference_gemm: operand sizes do not match m, k, n");
  }
  std::vector<int32_t> c(static_cast<size_t>(m * n), 0);
  for (int64_t row = 0; row < m; ++row) {
    for (int64_t col = 0; col < n; ++col) {
      // Unsigned arithmetic wraps where the signed 32-bit hardware accumulator wraps,
      // without the undefined behaviour of signed overflow.
      uint32_t acc = 0;
      for (int64_t kk = 0; kk < k; ++kk) {
        const int32_t product = int32_t{a[row * k + kk]} * int32_t{b[kk * n + col]};
        acc += static_cast<uint32_t>(product);
      }
      c[row * n + col] = static_cast<int32_t>(acc);
    }
  }
  return c;
}

}  // namespace axsim::compute
