// The RTL cross-check behind `axsim rtl-check`: seeded random INT8 GEMMs through the
// Verilated systolic-array kernel and through the timing model and reference GEMM.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/compute/systolic_array.h"

namespace axsim::hw {

struct RtlCheckRow {
  std::string kernel, dataflow;  // e.g. "systolic_array_4x8", "weight_stationary"
  int64_t m, k, n;
  int64_t rtl_cycles, model_cycles;
  bool results_match;  // RTL output == reference_gemm, bit for bit
};

// GEMM shapes checked on a rows x cols array: smaller than, equal to and larger than the
// array in each dimension, multiples and non-multiples of it.
std::vector<compute::GemmShape> rtl_check_shapes(int64_t rows, int64_t cols);

// Row-major m x k (or k x n) int8 matrix from a seeded mt19937_64; the engine is fully
// specified by the standard, so the same seed gives the same matrix everywhere.
std::vector<int8_t> random_int8_matrix(int64_t rows, int64_t cols, uint64_t seed);

// Every verilated kernel size x every dataflow x rtl_check_shapes(). Same seed, same rows.
std::vector<RtlCheckRow> run_rtl_checks(uint64_t seed);

}  // namespace axsim::hw
