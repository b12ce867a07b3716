#include "regress/snapshot.h"

namespace axsim::regress {

namespace {

constexpr const char* kScalarMetrics[] = {"latency_s", "cycles", "inferences_per_s", "energy_j"};
constexpr const char* kGroupMetrics[] = {"bytes", "stall"};
constexpr const char* kSourceKeys[] = {"axsim_version", "config_name", "config_hash",
                                       "overrides",     "trace_name",  "trace_hash"};

}  // namespace

Snapshot snapshot_of_result(const nlohmann::json& result) {
  Snapshot out;
  const nlohmann::json& summary = result.at("summary");
  for (const char* key : kScalarMetrics) out.metrics[key] = summary.at(key).get<double>();
  for (const char* group : kGroupMetrics) {
    for (const auto& [level, value] : summary.at(group).items()) {
      out.metrics[std::string(group) + "." + level] = value.get<double>();
    }
  }
  for (const nlohmann::json& layer : result.at("layers")) {
    out.layers.push_back({layer.at("name").get<std::string>(), layer.at("op").get<std::string>(),
                          layer.at("latency_s").get<double>()});
  }
  const nlohmann::json& meta = result.at("meta");
  for (const char* key : kSourceKeys) {
    if (meta.contains(key)) out.source[key] = meta.at(key);
  }
  return out;
}

std::string tolerance_key_of(const std::string& metric) {
  return metric.substr(0, metric.find('.'));
}

}  // namespace axsim::regress
