// The part of a result JSON (docs/result-format.md) the report draws, read once into typed
// fields so the charts and tables never touch JSON, and a loader that refuses anything that is
// not an axsim result of a known schema version.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/cim_details.h"
#include "reports/dataflow_details.h"

namespace axsim::reports {

struct LayerView {
  std::string name;
  std::string op;
  std::string unit;  // "array", "vector", "none"
  double start_s = 0;
  double latency_s = 0;
  double compute_s = 0;
  double memory_s = 0;
  double other_s = 0;
  double macs = 0;
  double utilization = 0;
  double dram_bytes = 0;
  std::map<std::string, double> bytes;  // per memory level, as the model named them
  double energy_j = 0;  // all components
};

struct ResultView {
  // meta
  std::string axsim_version, kind, config_name, config_file, config_hash;
  std::string trace_name, trace_file, trace_hash, started_at;
  std::vector<std::string> overrides;
  // summary
  double latency_s = 0;
  double cycles = 0;
  double clock_hz = 0;
  double batch = 1;
  double inferences_per_s = 0;
  double macs = 0;
  double achieved_ops_per_s = 0;
  double peak_ops_per_s = 0;
  double utilization = 0;
  double energy_j = 0;
  double average_power_w = 0;
  double compute_s = 0, memory_s = 0, other_s = 0;
  std::map<std::string, double> bytes;  // per memory level
  // energy ledger
  std::map<std::string, double> energy_by_component_j;
  double static_energy_j = 0;
  std::string tech_name;
  // stats.summary; 0 when the model does not publish them
  double dram_bandwidth_peak = 0;      // bytes per second
  double dram_bandwidth_achieved = 0;  // bytes per second

  std::vector<LayerView> layers;

  // `details`, when the result has the topics of that kind of machine.
  std::optional<CimDetails> cim;
  std::optional<DataflowDetails> dataflow;
  // Set when `details` is present but not an object: the page says so instead of a section.
  std::string details_note;

  // "resnet50 on tpu-v1" plus the overrides, which is what tells two runs of a sweep apart.
  std::string title() const;
};

// Throws nlohmann::json::exception when a required key is missing or has the wrong type.
// A malformed `details` never throws: it is noted in the view and its section left out.
ResultView view_of(const nlohmann::json& result);

// Reads and checks one result file: core::InputError naming the file when it is missing, not
// JSON, not an axsim result, of an unknown schema version, or missing keys the report needs.
nlohmann::json load_result_file(const std::string& path);

}  // namespace axsim::reports
