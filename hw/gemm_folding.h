// Runs a whole GEMM on a TileEngine by folding it into array-sized tiles, the way the
// timing model in models/compute/systolic_array.h assumes: one tile after another, no
// overlap, partial sums of K folds accumulated at the array edge.
#pragma once

#include <cstdint>
#include <vector>

#include "hw/tile_engine.h"
#include "models/compute/systolic_array.h"

namespace axsim::hw {

struct RtlGemmResult {
  std::vector<int32_t> c;  // m x n, row-major
  int64_t cycles = 0;      // sum of the tiles' cycles
};

// C = A (m x k) * B (k x n), row-major int8 operands. Input-stationary runs on the
// weight-stationary datapath as C^T = B^T A^T. Throws std::invalid_argument when the
// operand sizes do not match m, k, n.
RtlGemmResult fold_gemm(TileEngine& engine, compute::Dataflow dataflow, int64_t m, int64_t k,
                        int64_t n, const std::vector<int8_t>& a, const std::vector<int8_t>& b);

}  // namespace axsim::hw
