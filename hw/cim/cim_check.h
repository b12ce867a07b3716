// The CIM macro cross-check behind `axsim rtl-check`: seeded MVMs through the Verilated macro
// (hw/rtl/cim_macro.sv) and through models/cim (mvm_macro, mvm_cycles), which must agree bit
// for bit and cycle for cycle; mvm_exact measures what the ADC costs in accuracy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hw/cim/cim_rtl.h"
#include "models/cim/macro.h"

namespace axsim::hw {

struct CimCheckCase {
  CimRtlConfig config;
  std::string stimulus;  // e.g. "random", "random partial", "all -128"
  cim::MacroWeights weights;
  std::vector<int32_t> x;
};

struct CimCheckRow {
  std::string kernel, stimulus;
  int64_t k = 0, n = 0;
  int adc_bits = 0, bits_per_cell = 0, dac_bits = 0;
  int64_t columns_per_adc = 0;
  int shift = 0;  // cim::adc_shift of the model's geometry
  int64_t rtl_cycles = 0, model_cycles = 0;
  bool outputs_match = false;          // RTL outputs == mvm_macro, bit for bit
  int64_t max_abs_error_vs_exact = 0;  // largest |RTL y[n] - mvm_exact y[n]|

  bool agrees() const { return outputs_match && rtl_cycles == model_cycles; }
};

// Per verilated configuration: full tiles of uniform random operands, a partial tile
// (k < rows, n < logical columns), a 3 x 1 tile, the extremes (all -128; all 127; random
// signs at full scale) and non-negative operands whose large partial sums clip a narrow ADC.
// Same seed, same cases.
std::vector<CimCheckCase> cim_check_cases(uint64_t seed);

// Runs the case on the RTL and on the model given `model_geometry` (the case's own geometry
// in a real check; a different one shows the check can fail).
CimCheckRow run_cim_check(const CimCheckCase& check, const cim::MacroGeometry& model_geometry);
CimCheckRow run_cim_check(const CimCheckCase& check);

std::vector<CimCheckRow> run_cim_checks(uint64_t seed);

}  // namespace axsim::hw
