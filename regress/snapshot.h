// What a regression compares of a result: the summary metrics, the layer list and each
// layer's latency. Metadata (wall time, start time, paths) is left out, so it cannot fail a
// case.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace axsim::regress {

struct LayerSnapshot {
  std::string name;
  std::string op;
  double latency_s = 0;
};

struct Snapshot {
  // Flattened summary keys: "latency_s", "cycles", "inferences_per_s", "energy_j",
  // "bytes.<level>", "stall.<compute_s|memory_s|other_s>".
  std::map<std::string, double> metrics;
  std::vector<LayerSnapshot> layers;
  // Where it came from (version, config and trace names and hashes, overrides): shown when a
  // golden file is rewritten, never compared.
  nlohmann::json source = nlohmann::json::object();
};

// Picks the compared parts out of a result.json document (docs/result-format.md).
Snapshot snapshot_of_result(const nlohmann::json& result);

// Which tolerance key governs a metric: "bytes.dram" -> "bytes", "stall.memory_s" -> "stall".
std::string tolerance_key_of(const std::string& metric);

}  // namespace axsim::regress
