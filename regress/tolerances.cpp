#include "regress/tolerances.h"

namespace axsim::regress {

namespace {

// Tight enough that a real model change shows, loose enough for summation-order noise.
// Per-layer latencies and the stall split are small numbers that move more than totals.
const std::map<std::string, double>& builtin_defaults() {
  static const std::map<std::string, double> defaults = {
      {"latency_s", 0.001}, {"energy_j", 0.001}, {"bytes", 0.001},
      {"stall", 0.01},      {"layers", 0.01},
  };
  return defaults;
}

}  // namespace

const std::vector<std::string>& tolerance_keys() {
  static const std::vector<std::string> keys = {
      "latency_s", "cycles", "inferences_per_s", "energy_j", "bytes", "stall", "layers"};
  return keys;
}

Tolerances Tolerances::merged_with(const Tolerances& over) const {
  Tolerances out = *this;
  for (const auto& [key, value] : over.explicit_) out.explicit_[key] = value;
  return out;
}

double Tolerances::of(const std::string& key) const {
  if (const auto it = explicit_.find(key); it != explicit_.end()) return it->second;
  if (key == "cycles" || key == "inferences_per_s") return of("latency_s");
  return builtin_defaults().at(key);
}

}  // namespace axsim::regress
