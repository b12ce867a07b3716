// One CIM macro as the model and the RTL kernel (hw/rtl/cim_macro.sv) both define it:
// what a matrix-vector multiply returns after the analog array and an N-bit ADC, and how
// many cycles it takes. docs/cim-macro.md is the contract; this file is its C++ side.
//
// Weights and inputs are signed integers stored offset-binary (w + 2^(weight_bits-1),
// x + 2^(input_bits-1)). Each weight is cut into slices of bits_per_cell bits, one cell and
// one physical column per slice; each input is applied dac_bits at a time. A column's
// partial sum over the driven rows goes through the ADC (round half up, clip to the code
// range); shift-and-add rebuilds the offset product and a digital correction removes the
// offsets. Without clipping and with a shift of 0 the result is the exact integer product.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace axsim::cim {

struct MacroGeometry {
  int64_t rows = 0;             // word lines driven together: the K of one MVM
  int64_t columns = 0;          // physical bit-line columns (cells per row)
  int bits_per_cell = 1;        // weight bits one cell holds
  int weight_bits = 8;          // signed weights, this wide
  int input_bits = 8;           // signed activations, this wide
  int dac_bits = 1;             // input bits applied per step (1 = bit-serial)
  int adc_bits = 8;             // ADC resolution
  int64_t columns_per_adc = 1;  // column mux: the columns one ADC converts in turn
  // The ADC spans partial sums [0, 2^adc_range_bits); 0 means the full range the array can
  // produce (full_range_bits). Fewer bits: a finer step, and large sums clip.
  int adc_range_bits = 0;
  int conversion_cycles = 1;    // cycles of one ADC conversion
};

// Fixed cycles of every MVM besides the conversions: one latching the input vector, one
// for the offset correction into the output register.
inline constexpr int64_t kMvmOverheadCycles = 2;

int weight_slices(const MacroGeometry& g);      // ceil(weight_bits / bits_per_cell)
int input_slices(const MacroGeometry& g);       // ceil(input_bits / dac_bits)
int64_t logical_columns(const MacroGeometry& g);  // columns / weight_slices: outputs per MVM
int64_t adcs(const MacroGeometry& g);           // columns / columns_per_adc
// Largest partial sum one conversion sees: rows x (2^dac_bits - 1) x (2^bits_per_cell - 1).
int64_t partial_sum_max(const MacroGeometry& g);
int full_range_bits(const MacroGeometry& g);    // bits to hold partial_sum_max
// Right shift from partial sum to ADC code: max(0, range bits - adc_bits).
int adc_shift(const MacroGeometry& g);
// input_slices x columns_per_adc x conversion_cycles + kMvmOverheadCycles.
int64_t mvm_cycles(const MacroGeometry& g);
// ADC conversions of one MVM: input_slices x columns.
int64_t mvm_conversions(const MacroGeometry& g);

// Empty when the geometry is usable, else what is wrong (for config errors).
std::string geometry_problem(const MacroGeometry& g);

// Weights of one macro tile, row-major [k][n], k < rows and n < logical_columns.
struct MacroWeights {
  int64_t k = 0, n = 0;
  std::vector<int32_t> values;  // k * n signed values within weight_bits
};

// Exact integer product y[n] = sum_k x[k] * w[k][n].
std::vector<int64_t> mvm_exact(const MacroWeights& w, const std::vector<int32_t>& x);

// What the macro returns. `noise` (may be null) adds Gaussian read noise of `noise_lsb`
// ADC steps to each column's partial sum before conversion; with null the result is the
// deterministic one the RTL computes, bit for bit.
std::vector<int64_t> mvm_macro(const MacroGeometry& g, const MacroWeights& w,
                               const std::vector<int32_t>& x, std::mt19937_64* noise = nullptr,
                               double noise_lsb = 0.0);

}  // namespace axsim::cim
