#include "models/compute/systolic_array.h"

#include <stdexcept>
#include <string>

namespace axsim::compute {
namespace {

// A PE's MAC rate as an exact fraction, so cycle counts stay integers.
struct MacRate {
  int64_t macs = 1;    // MACs retired ...
  int64_t cycles = 1;  // ... per this many cycles
};

MacRate mac_rate(const ArrayConfig& config, int operand_bits) {
  if (config.macs_per_pe_per_cycle_8bit <= 0) {
    throw std::invalid_argument("macs_per_pe_per_cycle_8bit must be positive, got " +
                                std::to_string(config.macs_per_pe_per_cycle_8bit));
  }
  if (operand_bits < 1 || operand_bits > 32) {
    throw std::invalid_argument("operand width must be 1..32 bits, got " +
                                std::to_string(operand_bits));
  }
  const int64_t base = config.macs_per_pe_per_cycle_8bit;
  if (operand_bits <= 4) return {2 * base, 1};
  if (operand_bits <= 8) return {base, 1};
  if (operand_bits <= 16) return {base, 2};
  return {base, 4};
}

int64_t ceil_div(int64_t num, int64_t den) { return (num + den - 1) / den; }

// How one dataflow maps the GEMM onto the array: which GEMM dimensions the array rows and
// columns hold (and so fold over), which one streams, and the per-fold pipeline overheads
// in array stages.
struct Mapping {
  int64_t row_dim = 0;     // GEMM extent laid along the array rows
  int64_t col_dim = 0;     // GEMM extent laid along the array columns
  int64_t stream_dim = 0;  // GEMM extent streamed through each fold
  int64_t load_stages = 0;
  int64_t fill_drain_stages = 0;
};

Mapping map_gemm(Dataflow dataflow, const ArrayShape& shape, const GemmShape& gemm) {
  const int64_t r = shape.rows;
  const int64_t c = shape.cols;
  switch (dataflow) {
    case Dataflow::output_stationary:
      // Last MAC in PE(R-1,C-1) R+C-2 cycles after the last beat enters; then the
      // accumulators shift out of the bottom edge, one row per cycle. Draining zeros in
      // also clears the array, so nothing is loaded.
      return {gemm.m, gemm.n, gemm.k, 0, (r + c - 2) + r};
    case Dataflow::weight_stationary:
      // Weights shift in from the top, one row per cycle; an input beat reaches the
      // bottom edge after R partial-sum registers and is re-aligned across C-1 columns.
      return {gemm.k, gemm.n, gemm.m, r, r + c - 1};
    case Dataflow::input_stationary:
      // The weight-stationary datapath with the operands' roles swapped: C^T = B^T A^T.
      return {gemm.k, gemm.m, gemm.n, r, r + c - 1};
  }
  throw std::invalid_argument("time_gemm: not a Dataflow value");
}

}  // namespace

double macs_per_pe_per_cycle(const ArrayConfig& config, int operand_bits) {
  const MacRate rate = mac_rate(config, operand_bits);
  return static_cast<double>(rate.macs) / static_cast<double>(rate.cycles);
}

GemmTiming time_gemm(const ArrayConfig& config, const GemmShape& gemm, int operand_bits) {
  const ArrayShape& shape = config.shape;
  if (shape.rows <= 0 || shape.cols <= 0) {
    throw std::invalid_argument("array shape must be positive, got " + std::to_string(shape.rows) +
                                "x" + std::to_string(shape.cols));
  }
  if (gemm.m < 0 || gemm.k < 0 || gemm.n < 0) {
    throw std::invalid_argument("GEMM dimensions must not be negative");
  }
  const MacRate rate = mac_rate(config, operand_bits);

  GemmTiming timing;
  timing.macs = gemm.m * gemm.k * gemm.n;
  if (timing.macs == 0) return timing;

  const Mapping map = map_gemm(config.dataflow, shape, gemm);
  const int64_t row_folds = ceil_div(map.row_dim, shape.rows);
  const int64_t col_folds = ceil_div(map.col_dim, shape.cols);
  timing.folds = row_folds * col_folds;

  // A beat of the stream carries rate.macs MACs and takes rate.cycles cycles; an operand
  // moves on to the next PE only once that PE is done with it.
  const int64_t stage_cycles = ceil_div(rate.cycles, rate.macs);
  const int64_t stream_cycles = ceil_div(map.stream_dim * rate.cycles, rate.macs);

  // No overlap between folds: the stationary operand of the next fold cannot be loaded
  // while the current one still occupies the PEs (single-buffered, as in the RTL).
  timing.load_cycles = timing.folds * map.load_stages * stage_cycles;
  timing.compute_cycles = timing.folds * stream_cycles;
  timing.fill_drain_cycles = timing.folds * map.fill_drain_stages * stage_cycles;
  timing.cycles = timing.load_cycles + timing.compute_cycles + timing.fill_drain_cycles;

  const double peak = static_cast<double>(timing.cycles) *
                      static_cast<double>(shape.rows * shape.cols) *
                      macs_per_pe_per_cycle(config, operand_bits);
  timing.utilization = static_cast<double>(timing.macs) / peak;

  // Each edge operand is re-read once per fold along the dimension it is not indexed by;
  // outputs of a K-folded mapping are written (accumulated) once per K fold.
  switch (config.dataflow) {
    case Dataflow::output_stationary:
      timing.a_reads = gemm.m * gemm.k * col_folds;
      timing.b_reads = gemm.k * gemm.n * row_folds;
      timing.c_writes = gemm.m * gemm.n;
      break;
    case Dataflow::weight_stationary:
      timing.a_reads = gemm.m * gemm.k * col_folds;
      timing.b_reads = gemm.k * gemm.n;
      timing.c_writes = gemm.m * gemm.n * row_folds;
      break;
    case Dataflow::input_stationary:
      timing.a_reads = gemm.m * gemm.k;
      timing.b_reads = gemm.k * gemm.n * col_folds;
      timing.c_writes = gemm.m * gemm.n * row_folds;
      break;
  }
  return timing;
}

}  // namespace axsim::compute
