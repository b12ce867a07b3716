#include "models/core/result_fill.h"

namespace axsim::core {

int64_t cycles_at(double seconds, double clock_hz) {
  return static_cast<int64_t>(seconds * clock_hz + 0.5);
}

void copy_layer_energy(const EnergyLedger& ledger, LayerResult& layer) {
  const auto per_layer = ledger.by_layer_component().find(layer.name);
  if (per_layer == ledger.by_layer_component().end()) return;
  for (const auto& [component, energy] : per_layer->second) layer.energy_j[component] = energy.si;
}

void sum_layers(const std::vector<LayerResult>& layers, RunSummary& s) {
  for (const LayerResult& layer : layers) {
    s.latency_s += layer.latency_s;
    s.compute_s += layer.compute_s;
    s.memory_s += layer.memory_s;
    s.other_s += layer.other_s;
    s.macs += layer.macs;
    for (const auto& [level, bytes] : layer.bytes) s.bytes[level] += bytes;
  }
}

void derive_summary(RunSummary& s, double energy_j) {
  s.cycles = cycles_at(s.latency_s, s.clock_hz);
  s.energy_j = energy_j;
  if (s.latency_s > 0) {
    s.inferences_per_s = static_cast<double>(s.batch) / s.latency_s;
    s.achieved_ops_per_s = 2.0 * static_cast<double>(s.macs) / s.latency_s;
    s.average_power_w = energy_j / s.latency_s;
  }
  if (s.peak_ops_per_s > 0) s.utilization = s.achieved_ops_per_s / s.peak_ops_per_s;
}

}  // namespace axsim::core
