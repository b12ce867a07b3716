// One array-sized tile run on a systolic array that reports its own cycle count: the seam
// between the folding of a GEMM (plain C++) and the Verilated RTL that executes each tile.
#pragma once

#include <cstdint>
#include <vector>

namespace axsim::hw {

struct TileResult {
  std::vector<int32_t> c;  // row-major, see each call for its shape
  int64_t cycles = 0;      // from the tile's first input cycle through its done cycle
};

class TileEngine {
 public:
  virtual ~TileEngine() = default;
  virtual int rows() const = 0;
  virtual int cols() const = 0;

  // Output-stationary tile: a is rows x k, b is k x cols (zero-padded by the caller);
  // returns the rows x cols products. k >= 1.
  virtual TileResult run_output_stationary(const std::vector<int8_t>& a,
                                           const std::vector<int8_t>& b, int64_t k) = 0;

  // Weight-stationary tile: w (rows x cols) is held in the PEs, x (beats x rows) streams;
  // returns x * w, beats x cols. beats >= 1.
  virtual TileResult run_weight_stationary(const std::vector<int8_t>& w,
                                           const std::vector<int8_t>& x, int64_t beats) = 0;
};

}  // namespace axsim::hw
