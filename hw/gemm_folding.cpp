#include "hw/gemm_folding.h"

#include <functional>
#include <stdexcept>

namespace axsim::hw {
namespace {

using Operand = std::function<int8_t(int64_t, int64_t)>;

RtlGemmResult fold_output_stationary(TileEngine& engine, int64_t m, int64_t k, int64_t n,
                                     const std::vector<int8_t>& a, const std::vector<int8_t>& b) {
  const int64_t rows = engine.rows();
  const int64_t cols = engine.cols();
  RtlGemmResult result{std::vector<int32_t>(static_cast<size_t>(m * n), 0), 0};
  for (int64_t row0 = 0; row0 < m; row0 += rows) {
    for (int64_t col0 = 0; col0 < n; col0 += cols) {
      std::vector<int8_t> a_tile(static_cast<size_t>(rows * k), 0);
      std::vector<int8_t> b_tile(static_cast<size_t>(k * cols), 0);
      for (int64_t i = 0; i < rows && row0 + i < m; ++i) {
        for (int64_t kk = 0; kk < k; ++kk) a_tile[i * k + kk] = a[(row0 + i) * k + kk];
      }
      for (int64_t kk = 0; kk < k; ++kk) {
        for (int64_t j = 0; j < cols && col0 + j < n; ++j) {
          b_tile[kk * cols + j] = b[kk * n + col0 + j];
        }
      }
      const TileResult tile = engine.run_output_stationary(a_tile, b_tile, k);
      result.cycles += tile.cycles;
      for (int64_t i = 0; i < rows && row0 + i < m; ++i) {
        for (int64_t j = 0; j < cols && col0 + j < n; ++j) {
          result.c[(row0 + i) * n + col0 + j] = tile.c[i * cols + j];
        }
      }
    }
  }
  return result;
}

// Stationary operand s(depth, lane) over depth x lanes, streamed operand x(beat, depth)
// over beats x depth; out(beat, lane) += sum_depth x * s. Depth folds over the array rows,
// lanes over its columns.
int64_t fold_stationary(TileEngine& engine, int64_t beats, int64_t depth, int64_t lanes,
                        const Operand& stationary, const Operand& streamed,
                        const std::function<void(int64_t, int64_t, int32_t)>& accumulate) {
  const int64_t rows = engine.rows();
  const int64_t cols = engine.cols();
  int64_t cycles = 0;
  for (int64_t d0 = 0; d0 < depth; d0 += rows) {
    for (int64_t l0 = 0; l0 < lanes; l0 += cols) {
      std::vector<int8_t> w(static_cast<size_t>(rows * cols), 0);
      std::vector<int8_t> x(static_cast<size_t>(beats * rows), 0);
      for (int64_t i = 0; i < rows && d0 + i < depth; ++i) {
        for (int64_t j = 0; j < cols && l0 + j < lanes; ++j) {
          w[i * cols + j] = stationary(d0 + i, l0 + j);
        }
        for (int64_t t = 0; t < beats; ++t) x[t * rows + i] = streamed(t, d0 + i);
      }
      const TileResult tile = engine.run_weight_stationary(w, x, beats);
      cycles += tile.cycles;
      for (int64_t t = 0; t < beats; ++t) {
        for (int64_t j = 0; j < cols && l0 + j < lanes; ++j) {
          accumulate(t, l0 + j, tile.c[t * cols + j]);
        }
      }
    }
  }
  return cycles;
}

// The edge accumulator adds K-fold partial sums with the RTL's 32-bit wrap-around.
void wrapping_add(int32_t& sum, int32_t partial) {
  sum = static_cast<int32_t>(static_cast<uint32_t>(sum) + static_cast<uint32_t>(partial));
}

}  // namespace

RtlGemmResult fold_gemm(TileEngine& engine, compute::Dataflow dataflow, int64_t m, int64_t k,
                        int64_t n, const std::vector<int8_t>& a, const std::vector<int8_t>& b) {
  if (m < 0 || k < 0 || n < 0) throw std::invalid_argument("fold_gemm: negative dimension");
  if (static_cast<int64_t>(a.size()) != m * k || static_cast<int64_t>(b.size()) != k * n) {
    throw std::invalid_argument("fold_gemm: operand sizes do not match m, k, n");
  }
  if (m == 0 || k == 0 || n == 0) return {std::vector<int32_t>(static_cast<size_t>(m * n), 0), 0};

  switch (dataflow) {
    case compute::Dataflow::output_stationary:
      return fold_output_stationary(engine, m, k, n, a, b);
    case compute::Dataflow::weight_stationary: {
      RtlGemmResult result{std::vector<int32_t>(static_cast<size_t>(m * n), 0), 0};
      result.cycles = fold_stationary(
          engine, m, k, n, [&](int64_t kk, int64_t col) { return b[kk * n + col]; },
          [&](int64_t row, int64_t kk) { return a[row * k + kk]; },
          [&](int64_t row, int64_t col, int32_t v) { wrapping_add(result.c[row * n + col], v); });
      return result;
    }
    case compute::Dataflow::input_stationary: {
      RtlGemmResult result{std::vector<int32_t>(static_cast<size_t>(m * n), 0), 0};
      result.cycles = fold_stationary(
          engine, n, k, m, [&](int64_t kk, int64_t row) { return a[row * k + kk]; },
          [&](int64_t col, int64_t kk) { return b[kk * n + col]; },
          [&](int64_t col, int64_t row, int32_t v) { wrapping_add(result.c[row * n + col], v); });
      return result;
    }
  }
  throw std::invalid_argument("fold_gemm: not a Dataflow value");
}

}  // namespace axsim::hw
