#include "models/cim/accuracy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace axsim::cim {

LayerAccuracy measure_layer(const CimConfig& config, const LayerPlan& layer, int weight_bits,
                            int input_bits, uint64_t layer_index) {
  const ArrayMapping& m = layer.array;
  MacroGeometry g = config.macro;
  if (config.adc.range_per_layer && g.adc_range_bits == 0) {
    MacroGeometry tile = g;
    tile.rows = m.tile_rows;
    g.adc_range_bits = full_range_bits(tile);
  }
  std::mt19937_64 rng(config.accuracy.seed * 0x9E3779B97F4A7C15ull + layer_index);
  std::mt19937_64 noise(config.accuracy.seed + 7919 * layer_index);
  const int32_t w_max = (1 << (weight_bits - 1)) - 1;
  const int32_t x_max = (1 << (input_bits - 1)) - 1;
  std::uniform_int_distribution<int32_t> weight(-w_max - 1, w_max);
  std::uniform_int_distribution<int32_t> input(-x_max - 1, x_max);

  MacroWeights w;
  w.k = m.tile_rows;
  w.n = std::min<int64_t>(m.tile_columns, config.accuracy.columns);
  w.values.assign(static_cast<size_t>(w.k * w.n), 0);
  for (int64_t k = 0; k < w.k; ++k) {
    for (int64_t n = 0; n < w.n; ++n) {
      // Packed depthwise tiles are block-diagonal: a column sees only its own group's rows.
      const bool own_group = m.groups_per_tile == 1 || k / m.k == n / m.n;
      if (own_group) w.values[static_cast<size_t>(k * w.n + n)] = weight(rng);
    }
  }
  double signal = 0, error = 0, max_error = 0;
  std::vector<int32_t> x(static_cast<size_t>(w.k));
  for (int64_t v = 0; v < config.accuracy.vectors; ++v) {
    for (int32_t& xi : x) xi = input(rng);
    const std::vector<int64_t> exact = mvm_exact(w, x);
    const std::vector<int64_t> got =
        config.accuracy.read_noise_lsb > 0
            ? mvm_macro(g, w, x, &noise, config.accuracy.read_noise_lsb)
            : mvm_macro(g, w, x);
    for (size_t i = 0; i < exact.size(); ++i) {
      const double e = static_cast<double>(got[i] - exact[i]);
      signal += static_cast<double>(exact[i]) * static_cast<double>(exact[i]);
      error += e * e;
      max_error = std::max(max_error, std::abs(e));
    }
  }
  LayerAccuracy a;
  a.layer = layer.name;
  a.samples = config.accuracy.vectors * w.n;
  a.max_abs_error = max_error;
  a.sqnr_db =
      error > 0 ? 10.0 * std::log10(signal / error) : std::numeric_limits<double>::infinity();
  return a;
}

std::vector<LayerAccuracy> measure_accuracy(const CimConfig& config, const Plan& plan,
                                            const trace::Trace& trace) {
  std::vector<LayerAccuracy> out;
  for (size_t i = 0; i < plan.layers.size(); ++i) {
    const LayerPlan& lp = plan.layers[i];
    if (lp.unit != Unit::array) continue;
    const trace::Layer& layer = trace.layers[i];
    out.push_back(measure_layer(config, lp, layer.weights.at(0).tensor.bits,
                                layer.inputs.at(0).tensor.bits, i));
  }
  return out;
}

}  // namespace axsim::cim
