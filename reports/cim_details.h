// What a compute-in-memory result adds in `details` (docs/result-format.md), read into typed
// fields. Each topic is optional; a topic that is present but malformed is left out with a
// note saying which key was wrong, so one bad topic never costs the rest of the page.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace axsim::reports {

struct CimResidency {
  double weight_bytes = 0;
  double weight_store_bytes = 0;  // capacity of all macros together
  double macros = 0;
  double macros_used = 0;
  double duplication_factor = 0;
  double reprogrammed_bytes = 0;  // weights written into macros during the run
  double streamed_bytes = 0;      // weights used straight from memory, never resident
  double reprogram_s = 0;
  double reprogram_j = 0;
  std::string policy;

  // Weights that did not stay resident: the memory wall a CIM macro was meant to remove.
  bool hits_memory_wall() const { return reprogrammed_bytes > 0 || streamed_bytes > 0; }
};

struct CimLayerAccuracy {
  std::string layer;
  double sqnr_db = 0;  // +infinity when the sampled outputs were exact (null in the JSON)
  double max_abs_error = 0;
  double samples = 0;
};

struct CimAdc {
  double bits = 0;
  double conversions = 0;
  double busy_fraction = 0;
};

struct CimPowerState {
  std::string state;
  double start_s = 0;
  double duration_s = 0;
  double current_a = 0;
};

struct CimPower {
  double frame_rate_hz = 0;
  double supply_v = 0;
  double duty_cycle = 0;
  double average_current_a = 0;
  double average_power_w = 0;
  double active_current_a = 0;
  double idle_current_a = 0;
  double sleep_current_a = 0;
  std::optional<bool> meets_frame_rate;
  std::vector<CimPowerState> timeline;  // one frame period, in time order

  double frame_period_s() const { return frame_rate_hz > 0 ? 1.0 / frame_rate_hz : 0.0; }
};

struct CimDetails {
  std::optional<CimResidency> residency;
  std::optional<std::vector<CimLayerAccuracy>> accuracy;
  std::optional<CimAdc> adc;
  std::optional<CimPower> power;
  std::vector<std::string> notes;  // one per topic left out, naming the key that was wrong
};

// True when `details` holds any CIM topic (residency, accuracy, adc, power).
bool has_cim_topics(const nlohmann::json& topics);

// Never throws for a malformed topic: it is left out and noted.
CimDetails cim_details_of(const nlohmann::json& topics);

// Worst first: lowest SQNR, then largest error, then layer name.
std::vector<CimLayerAccuracy> worst_first(std::vector<CimLayerAccuracy> layers);

}  // namespace axsim::reports
