#include "hw/rtl_check.h"

#include <random>

#include "hw/systolic_facade.h"
#include "models/compute/reference_gemm.h"

namespace axsim::hw {

std::vector<compute::GemmShape> rtl_check_shapes(int64_t rows, int64_t cols) {
  const int64_t r = rows;
  const int64_t c = cols;
  return {
      {1, 1, 1},                  // one MAC: all fill and drain
      {r - 1, r - 1, c - 1},      // a partial tile in every dimension
      {r, r, c},                  // exactly one tile for every dataflow's row mapping
      {2 * r, 2 * r, 2 * c},      // whole multiples: several full folds
      {2 * r + 1, r + 3, c + 5},  // non-multiples: ragged last folds
      {3, 2 * c + 1, 2 * r - 1},  // deep K, thin M and N
      {r + c, 17, 3},             // tall M
  };
}

std::vector<int8_t> random_int8_matrix(int64_t rows, int64_t cols, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<int8_t> matrix(static_cast<size_t>(rows * cols));
  for (int8_t& value : matrix) value = static_cast<int8_t>(engine() & 0xff);
  return matrix;
}

std::vector<RtlCheckRow> run_rtl_checks(uint64_t seed) {
  constexpr compute::Dataflow dataflows[] = {compute::Dataflow::output_stationary,
                                             compute::Dataflow::weight_stationary,
                                             compute::Dataflow::input_stationary};
  std::vector<RtlCheckRow> rows;
  uint64_t case_seed = seed;
  for (const compute::ArrayShape& array : rtl_array_shapes()) {
    const std::string kernel =
        "systolic_array_" + std::to_string(array.rows) + "x" + std::to_string(array.cols);
    for (const compute::Dataflow dataflow : dataflows) {
      const compute::ArrayConfig config{array, dataflow, 1};
      for (const compute::GemmShape& gemm : rtl_check_shapes(array.rows, array.cols)) {
        // Distinct operands per case, still a pure function of the seed.
        const std::vector<int8_t> a = random_int8_matrix(gemm.m, gemm.k, case_seed++);
        const std::vector<int8_t> b = random_int8_matrix(gemm.k, gemm.n, case_seed++);
        const RtlGemmResult rtl =
            run_gemm_on_rtl(static_cast<int>(array.rows), static_cast<int>(array.cols), dataflow,
                            gemm.m, gemm.k, gemm.n, a, b);
        rows.push_back({kernel, compute::dataflow_name(dataflow), gemm.m, gemm.k, gemm.n,
                        rtl.cycles, compute::time_gemm(config, gemm).cycles,
                        rtl.c == compute::reference_gemm(gemm.m, gemm.k, gemm.n, a, b)});
      }
    }
  }
  return rows;
}

}  // namespace axsim::hw
