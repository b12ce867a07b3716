// Analytic timing of a GEMM on an R x C systolic (MAC) array. The equations follow the
// cycle behaviour of hw/rtl/systolic_array.sv and its driver exactly; they are derived in
// docs/compute-timing.md.
#pragma once

#include <cstdint>
#include <string>

namespace axsim::compute {

// Which operand stays in the PEs while the others stream through.
enum class Dataflow {
  output_stationary,  // C[m][n] accumulates in PE(m, n); A and B stream
  weight_stationary,  // B[k][n] sits in PE(k, n); A streams, partial sums flow down
  input_stationary,   // A[m][k] sits in PE(k, m); B streams, partial sums flow down
};

const char* dataflow_name(Dataflow dataflow);
// Accepts the names dataflow_name() returns and the short forms "os", "ws", "is";
// throws std::invalid_argument naming the accepted spellings otherwise.
Dataflow parse_dataflow(const std::string& name);

struct ArrayShape {
  int64_t rows = 0;
  int64_t cols = 0;
};

struct ArrayConfig {
  ArrayShape shape;
  Dataflow dataflow = Dataflow::output_stationary;
  int macs_per_pe_per_cycle_8bit = 1;
};

// MACs one PE retires per cycle at an operand width. Narrow operands pack: a 4-bit (or
// narrower) operand pair fits twice into an 8-bit multiplier, so 2x the 8-bit rate. Wider
// operands are built from 8-bit partial products over several cycles: 16-bit takes 2
// cycles per MAC (1/2), 32-bit integer or fp32 takes 4 (1/4). The 8-bit rate is
// ArrayConfig::macs_per_pe_per_cycle_8bit. Throws std::invalid_argument outside 1..32 bits.
double macs_per_pe_per_cycle(const ArrayConfig& config, int operand_bits);

// C[m][n] = sum_k A[m][k] * B[k][n]
struct GemmShape {
  int64_t m = 0, k = 0, n = 0;
};

struct GemmTiming {
  int64_t cycles = 0;             // total = load + compute + fill_drain
  int64_t load_cycles = 0;        // shifting the stationary operand in (WS/IS), all folds
  int64_t compute_cycles = 0;     // steady-state streaming, all folds
  int64_t fill_drain_cycles = 0;  // pipeline fill + drain (skew) over all folds
  int64_t folds = 0;              // number of array-sized tiles (row folds x col folds)
  int64_t macs = 0;               // m*k*n
  double utilization = 0;         // macs / (cycles * rows * cols * macs_per_pe_per_cycle)
  int64_t a_reads = 0, b_reads = 0, c_writes = 0;  // elements moved at the array edge
};

// Throws std::invalid_argument for a non-positive array shape or MAC rate, negative GEMM
// dimensions, or an unsupported operand width. A GEMM with a zero dimension takes 0 cycles.
GemmTiming time_gemm(const ArrayConfig& config, const GemmShape& gemm, int operand_bits = 8);

}  // namespace axsim::compute
