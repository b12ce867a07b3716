// The Verilated INT8 systolic-array kernel (hw/rtl/systolic_array.sv) behind a plain C++
// interface. Verilated headers stay inside systolic_facade.cpp, so this header is safe to
// include next to <systemc>.
#pragma once

#include <cstdint>
#include <vector>

#include "hw/gemm_folding.h"
#include "models/compute/systolic_array.h"

namespace axsim::hw {

// Array sizes the kernel was verilated for (the RTL parameters are fixed at build time).
std::vector<compute::ArrayShape> rtl_array_shapes();

// Runs C = A (m x k) * B (k x n) on the rows x cols kernel, tile after tile; returns C and
// the cycles the RTL took. Throws std::invalid_argument for an array size not in
// rtl_array_shapes() or operands that do not match m, k, n.
RtlGemmResult run_gemm_on_rtl(int rows, int cols, compute::Dataflow dataflow, int64_t m, int64_t k,
                              int64_t n, const std::vector<int8_t>& a,
                              const std::vector<int8_t>& b);

}  // namespace axsim::hw
