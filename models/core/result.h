// The result of one simulation: what the reports read, and nothing else. Schema documented
// in docs/result-format.md; bump kResultSchemaVersion on any incompatible change.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace axsim::core {

inline constexpr int kResultSchemaVersion = 1;

struct LayerResult {
  std::string name;
  std::string op;
  std::string unit;        // what executed it: "array", "vector", "none" (shape-only)
  double start_s = 0;      // simulated time the layer started
  double latency_s = 0;
  int64_t cycles = 0;      // in the accelerator's main clock
  // Where the latency went; compute_s + memory_s + other_s == latency_s.
  double compute_s = 0;    // the unit was busy computing
  double memory_s = 0;     // the unit waited for data (loads, write-back)
  double other_s = 0;      // neither: launch, synchronisation, pipeline fill
  int64_t macs = 0;
  int64_t vector_ops = 0;
  double utilization = 0;  // achieved / peak MAC rate over the layer's latency
  std::map<std::string, double> bytes;     // per memory level, e.g. {"dram": .., "sram": ..}
  std::map<std::string, double> energy_j;  // per component
};

struct RunMetadata {
  std::string axsim_version;
  std::string kind;         // accelerator kind
  std::string config_name;  // `name:` of the config
  std::string config_file;
  std::string config_hash;  // of the composed, overridden config tree
  std::vector<std::string> overrides;
  std::string trace_name;
  std::string trace_file;
  std::string trace_hash;
  double wall_time_s = 0;
  std::string started_at;   // ISO 8601 UTC
};

struct RunSummary {
  double latency_s = 0;         // one inference of the trace (its batch included)
  int64_t cycles = 0;
  double clock_hz = 0;
  int64_t batch = 1;
  double inferences_per_s = 0;  // batch / latency
  int64_t macs = 0;
  double achieved_ops_per_s = 0;  // 2 * macs / latency
  double peak_ops_per_s = 0;      // the accelerator's peak at the trace's precision
  double utilization = 0;         // achieved / peak
  double energy_j = 0;
  double average_power_w = 0;
  double compute_s = 0, memory_s = 0, other_s = 0;
  std::map<std::string, double> bytes;  // per memory level
};

struct RunResult {
  RunMetadata meta;
  RunSummary summary;
  std::vector<LayerResult> layers;
  nlohmann::json energy;  // EnergyLedger::to_json()
  nlohmann::json stats;   // StatGroup::to_json() of the top module
  // What only this kind of machine has to say (a dataflow compiler plan and pipeline, a CIM
  // chip's ADC accuracy and power states): an object keyed by topic, written only when set.
  // docs/result-format.md lists the topics each kind writes.
  nlohmann::json details;
};

nlohmann::json result_to_json(const RunResult& result);
// Writes to a temporary file beside `path`, then renames, so a reader never sees half a file.
void write_text_atomically(const std::string& path, const std::string& text);
void write_result(const RunResult& result, const std::string& path);

}  // namespace axsim::core
