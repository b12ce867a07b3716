#include "hw/systolic_facade.h"

#include <stdexcept>
#include <string>

#include "Vsystolic_array_4x4.h"
#include "Vsystolic_array_4x8.h"
#include "Vsystolic_array_8x8.h"
#include "hw/verilated_tile_engine.h"

namespace axsim::hw {
namespace {

template <class Model>
RtlGemmResult run_on(int rows, int cols, compute::Dataflow dataflow, int64_t m, int64_t k,
                     int64_t n, const std::vector<int8_t>& a, const std::vector<int8_t>& b) {
  VerilatedTileEngine<Model> engine(rows, cols);
  return fold_gemm(engine, dataflow, m, k, n, a, b);
}

}  // namespace

std::vector<compute::ArrayShape> rtl_array_shapes() { return {{4, 4}, {4, 8}, {8, 8}}; }

RtlGemmResult run_gemm_on_rtl(int rows, int cols, compute::Dataflow dataflow, int64_t m, int64_t k,
                              int64_t n, const std::vector<int8_t>& a,
                              const std::vector<int8_t>& b) {
  if (rows == 4 && cols == 4) return run_on<Vsystolic_array_4x4>(4, 4, dataflow, m, k, n, a, b);
  if (rows == 4 && cols == 8) return run_on<Vsystolic_array_4x8>(4, 8, dataflow, m, k, n, a, b);
  if (rows == 8 && cols == 8) return run_on<Vsystolic_array_8x8>(8, 8, dataflow, m, k, n, a, b);
  throw std::invalid_argument("no verilated systolic array of " + std::to_string(rows) + "x" +
                              std::to_string(cols) + " (available: 4x4, 4x8, 8x8)");
}

}  // namespace axsim::hw
