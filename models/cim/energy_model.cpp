#include "models/cim/energy_model.h"

#include <cmath>

namespace axsim::cim {

double adc_energy_scale(const CimConfig& config) {
  const int bits = config.macro.adc_bits;
  const int ref = config.adc.reference_bits;
  if (config.adc.kind == AdcKind::digital) return static_cast<double>(bits) / ref;
  return std::ldexp(1.0, bits - ref);
}

MacroEfficiency macro_efficiency(const CimConfig& config, const core::TechTable& tech) {
  const MacroGeometry& g = config.macro;
  const double steps = input_slices(g);
  const double rows = static_cast<double>(g.rows);
  const double columns = static_cast<double>(g.columns);
  MacroEfficiency e;
  e.energy_per_mvm_j =
      steps * (rows * columns * tech.at(kCellOp).energy.si + rows * tech.at(kDacStep).energy.si +
               columns * (adc_energy_scale(config) * tech.at(kAdcConversion).energy.si +
                          tech.at(kShiftAdd).energy.si));
  e.ops_per_mvm = 2.0 * rows * static_cast<double>(logical_columns(g));
  e.tops_per_w = e.ops_per_mvm / e.energy_per_mvm_j / 1e12;
  return e;
}

}  // namespace axsim::cim
