// What the arrays get wrong: for every array layer, a bounded sample of seeded input vectors
// through one of its macro tiles (its real row count; a sample of its output columns),
// computed as the macro with its N-bit ADC returns it (mvm_macro) and exactly (mvm_exact).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/cim/cim_config.h"
#include "models/cim/plan.h"
#include "workloads/trace/trace.h"

namespace axsim::cim {

struct LayerAccuracy {
  std::string layer;
  double sqnr_db = 0;        // 10 log10(sum y^2 / sum (y - y_macro)^2); infinite when exact
  double max_abs_error = 0;  // in units of the integer product
  int64_t samples = 0;       // output values compared
};

// Weights and inputs drawn uniformly over the layer's own bit widths, seeded by
// config.accuracy.seed and the layer's position, so a run is reproducible.
LayerAccuracy measure_layer(const CimConfig& config, const LayerPlan& layer, int weight_bits,
                            int input_bits, uint64_t layer_index);

std::vector<LayerAccuracy> measure_accuracy(const CimConfig& config, const Plan& plan,
                                            const trace::Trace& trace);

}  // namespace axsim::cim
