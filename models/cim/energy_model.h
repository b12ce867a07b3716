// Energy per action of the CIM NPU, from its technology table (configs/tech/cim-*.yaml):
// which table action each counted action charges, how ADC energy scales with resolution, and
// the macro-level efficiency (TOPS/W) a preset implies, to compare with silicon figures.
#pragma once

#include "models/cim/cim_config.h"
#include "models/core/energy.h"

namespace axsim::cim {

// Table actions the CIM model charges (docs/cim.md): per cell and input step, per row drive
// and input step, per conversion at adc.reference_bits, per shift-and-add, per buffer byte, per
// vector-unit op, per CPU op, per cell written (NVM program or SRAM write).
inline constexpr const char* kCellOp = "cell_op";
inline constexpr const char* kDacStep = "dac_step";
inline constexpr const char* kAdcConversion = "adc_conversion";
inline constexpr const char* kShiftAdd = "shift_add";
inline constexpr const char* kBufferByte = "buffer_byte";
inline constexpr const char* kVectorOp = "vector_op";
inline constexpr const char* kCpuOp = "cpu_op";
inline constexpr const char* kCellWrite = "cell_write";

// Conversions at the configured resolution in units of the table's reference conversion:
// analog (SAR / flash) ADC energy doubles per bit, a digital adder tree grows with its width.
double adc_energy_scale(const CimConfig& config);

struct MacroEfficiency {
  double energy_per_mvm_j = 0;  // every row and column of one macro, one input vector
  double ops_per_mvm = 0;       // 2 x rows x logical columns
  double tops_per_w = 0;
};

// One full MVM of one macro from the table: cells, DACs, ADCs, shift-and-add. InputError when
// the table lacks an action.
MacroEfficiency macro_efficiency(const CimConfig& config, const core::TechTable& tech);

}  // namespace axsim::cim
