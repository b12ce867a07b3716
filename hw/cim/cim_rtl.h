// The Verilated CIM macro (hw/rtl/cim_macro.sv) behind a plain C++ interface. Verilated
// headers stay inside cim_rtl.cpp, so this header is safe to include next to <systemc>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/cim/macro.h"

namespace axsim::hw {

// One geometry the kernel was verilated for (its parameters are fixed at build time).
struct CimRtlConfig {
  std::string name;  // e.g. "cim_exact_16x32"
  cim::MacroGeometry geometry;
};

// Every verilated geometry, in the order of hw/cim/CMakeLists.txt.
const std::vector<CimRtlConfig>& cim_rtl_configs();

struct CimRtlResult {
  std::vector<int64_t> outputs;  // y[n], n < weights.n
  // Rising edges from the one that latches the input vector to the one that raises done.
  int64_t cycles = 0;
};

// Programs `weights` (k x n, after clearing the array) into the kernel verilated as
// `config_name`, runs one MVM with `x` (k values) on its first k rows and returns the first
// n outputs and the cycles of the MVM. Throws std::invalid_argument for an unknown config,
// a tile larger than the macro or values outside the operand widths.
CimRtlResult run_mvm_on_rtl(const std::string& config_name, const cim::MacroWeights& weights,
                            const std::vector<int32_t>& x);

struct CimRtlMvm {
  cim::MacroWeights weights;
  std::vector<int32_t> x;
};

// Runs the MVMs back to back on one instance of the kernel, each starting in the cycle after
// the previous one's done. A tile is programmed only when it differs from the one in the
// array: over it, cell by cell, when it has the same k x n (every used cell is rewritten and
// the column sums are updated in place), else after clearing the array. Same checks and
// errors as run_mvm_on_rtl.
std::vector<CimRtlResult> run_mvms_on_rtl(const std::string& config_name,
                                          const std::vector<CimRtlMvm>& mvms);

}  // namespace axsim::hw
