// The part of a sweep's results.jsonl (docs/sweeps.md) the sweep report draws: one typed
// point per line, read once so the charts and tables never parse JSON.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace axsim::reports {

struct SweepPoint {
  int index = 0;
  std::string config;
  std::string workload;
  std::string status;  // ok, cached, failed, timeout, interrupted
  std::string error;
  std::map<std::string, std::string> settings;  // axis key -> value as written in the spec
  bool pareto = false;                          // on the sweep's front over its objectives
  nlohmann::json summary;                       // the result's summary; null without a result

  bool has_result() const { return status == "ok" || status == "cached"; }
};

struct SweepView {
  std::string name;  // the output folder's name, which is the spec's name by default
  std::vector<SweepPoint> points;
};

// One line of results.jsonl; throws nlohmann::json::exception when a key is missing.
SweepPoint sweep_point_of(const nlohmann::json& line);

// Reads a results.jsonl: core::InputError naming the file, and the line for a line that is
// not JSON or lacks a key the report needs.
SweepView load_sweep_file(const std::string& path);

// A summary value by key: a top-level number ("latency_s") or a stall time ("memory_s");
// nothing when the summary has no such number.
std::optional<double> summary_value(const nlohmann::json& summary, const std::string& key);

// "rows=64, cols=128, bandwidth=34 GB/s": each axis by the last part of its key, which is
// what tells points of one sweep apart.
std::string settings_text(const SweepPoint& point);

// A summary value with the unit its key names ("_per_s" rate, "_s" time, "_j" energy, "_w" power, ops/s,
// utilisation as a percentage); a plain count otherwise.
std::string format_summary_value(const std::string& key, double value);

// Keys where more is better (throughput, achieved rate, utilisation); every other summary
// key is a cost, as sweep objectives are.
bool higher_is_better(const std::string& key);

// "resnet50" for "workloads/traces/resnet50.json".
std::string workload_name(const std::string& workload_path);

}  // namespace axsim::reports
