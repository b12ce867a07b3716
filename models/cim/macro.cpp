#include "models/cim/macro.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace axsim::cim {

namespace {

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

int bits_for(int64_t value) {  // bits to hold 0..value
  int bits = 0;
  while (bits < 62 && (int64_t{1} << bits) <= value) ++bits;
  return bits;
}

}  // namespace

int weight_slices(const MacroGeometry& g) {
  return static_cast<int>(ceil_div(g.weight_bits, g.bits_per_cell));
}
int input_slices(const MacroGeometry& g) {
  return static_cast<int>(ceil_div(g.input_bits, g.dac_bits));
}
int64_t logical_columns(const MacroGeometry& g) { return g.columns / weight_slices(g); }
int64_t adcs(const MacroGeometry& g) { return g.columns / g.columns_per_adc; }

int64_t partial_sum_max(const MacroGeometry& g) {
  return g.rows * ((int64_t{1} << g.dac_bits) - 1) * ((int64_t{1} << g.bits_per_cell) - 1);
}
int full_range_bits(const MacroGeometry& g) { return bits_for(partial_sum_max(g)); }
int adc_shift(const MacroGeometry& g) {
  const int range = g.adc_range_bits > 0 ? g.adc_range_bits : full_range_bits(g);
  return std::max(0, range - g.adc_bits);
}
int64_t mvm_cycles(const MacroGeometry& g) {
  return input_slices(g) * g.columns_per_adc * g.conversion_cycles + kMvmOverheadCycles;
}
int64_t mvm_conversions(const MacroGeometry& g) { return input_slices(g) * g.columns; }

std::string geometry_problem(const MacroGeometry& g) {
  if (g.rows < 1) return "rows must be at least 1";
  if (g.columns < 1) return "columns must be at least 1";
  if (g.bits_per_cell < 1 || g.bits_per_cell > 8) return "bits_per_cell must be 1..8";
  if (g.weight_bits < 2 || g.weight_bits > 16) return "weight_bits must be 2..16";
  if (g.input_bits < 2 || g.input_bits > 16) return "input_bits must be 2..16";
  if (g.dac_bits < 1 || g.dac_bits > g.input_bits) return "dac_bits must be 1..input_bits";
  if (g.adc_bits < 1 || g.adc_bits > 16) return "adc_bits must be 1..16";
  if (g.conversion_cycles < 1) return "conversion_cycles must be at least 1";
  if (g.adc_range_bits < 0 || g.adc_range_bits > 40) return "adc_range_bits must be 0..40";
  if (g.columns_per_adc < 1 || g.columns % g.columns_per_adc != 0) {
    return "columns (" + std::to_string(g.columns) + ") must be a multiple of columns_per_adc (" +
           std::to_string(g.columns_per_adc) + ")";
  }
  if (g.columns % weight_slices(g) != 0) {
    return "columns (" + std::to_string(g.columns) + ") must be a multiple of the " +
           std::to_string(weight_slices(g)) + " cells a " + std::to_string(g.weight_bits) +
           "-bit weight takes at " + std::to_string(g.bits_per_cell) + " bits per cell";
  }
  return "";
}

std::vector<int64_t> mvm_exact(const MacroWeights& w, const std::vector<int32_t>& x) {
  if (static_cast<int64_t>(x.size()) != w.k) throw std::invalid_argument("mvm: x size != k");
  std::vector<int64_t> y(static_cast<size_t>(w.n), 0);
  for (int64_t k = 0; k < w.k; ++k) {
    for (int64_t n = 0; n < w.n; ++n) {
      y[n] += int64_t{x[k]} * w.values[static_cast<size_t>(k * w.n + n)];
    }
  }
  return y;
}

std::vector<int64_t> mvm_macro(const MacroGeometry& g, const MacroWeights& w,
                               const std::vector<int32_t>& x, std::mt19937_64* noise,
                               double noise_lsb) {
  if (static_cast<int64_t>(x.size()) != w.k) throw std::invalid_argument("mvm: x size != k");
  if (w.k > g.rows || w.n > logical_columns(g)) {
    throw std::invalid_argument("mvm: weight tile larger than the macro");
  }
  const int64_t weight_offset = int64_t{1} << (g.weight_bits - 1);
  const int64_t input_offset = int64_t{1} << (g.input_bits - 1);
  const int64_t cell_mask = (int64_t{1} << g.bits_per_cell) - 1;
  const int64_t dac_mask = (int64_t{1} << g.dac_bits) - 1;
  const int shift = adc_shift(g);
  const int64_t code_max = (int64_t{1} << g.adc_bits) - 1;
  const int64_t half = shift > 0 ? int64_t{1} << (shift - 1) : 0;
  std::normal_distribution<double> gauss(0.0, 1.0);

  std::vector<int64_t> v(static_cast<size_t>(w.k));
  int64_t v_sum = 0;
  for (int64_t k = 0; k < w.k; ++k) {
    v[k] = x[k] + input_offset;
    v_sum += v[k];
  }
  std::vector<int64_t> y(static_cast<size_t>(w.n), 0);
  for (int64_t n = 0; n < w.n; ++n) {
    int64_t u_sum = 0;
    for (int64_t k = 0; k < w.k; ++k) u_sum += w.values[static_cast<size_t>(k * w.n + n)] + weight_offset;
    int64_t acc = 0;
    for (int j = 0; j < input_slices(g); ++j) {
      for (int s = 0; s < weight_slices(g); ++s) {
        int64_t p = 0;
        for (int64_t k = 0; k < w.k; ++k) {
          const int64_t u = w.values[static_cast<size_t>(k * w.n + n)] + weight_offset;
          p += ((v[k] >> (j * g.dac_bits)) & dac_mask) * ((u >> (s * g.bits_per_cell)) & cell_mask);
        }
        int64_t code = 0;
        if (noise != nullptr && noise_lsb > 0) {
          const double step = std::ldexp(1.0, shift);
          const double noisy = static_cast<double>(p) / step + noise_lsb * gauss(*noise);
          code = static_cast<int64_t>(std::floor(noisy + 0.5));
        } else {
          code = (p + half) >> shift;
        }
        code = std::clamp<int64_t>(code, 0, code_max);
        acc += (code << shift) << (j * g.dac_bits + s * g.bits_per_cell);
      }
    }
    y[n] = acc - weight_offset * v_sum - input_offset * u_sum + w.k * input_offset * weight_offset;
  }
  return y;
}

}  // namespace axsim::cim
