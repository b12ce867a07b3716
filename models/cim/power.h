// Power states of the chip for a streaming workload: each frame period the chip wakes up (when
// it slept), runs one inference (active), then idles or sleeps until the next frame. Plain
// C++: from the simulated latency and energy and the configured currents.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/cim/cim_config.h"

namespace axsim::cim {

struct PowerPhase {
  std::string state;  // "wakeup" | "active" | "idle" | "sleep"
  double start_s = 0;
  double duration_s = 0;
  double current_a = 0;
};

struct PowerReport {
  double frame_rate_hz = 0;
  double supply_v = 0;
  double duty_cycle = 0;  // (wake-up + inference) / frame period; > 1: rate not met
  bool meets_frame_rate = true;
  double average_current_a = 0;  // over one frame period (over the inference without a rate)
  double average_power_w = 0;
  double active_current_a = 0;  // inference energy / latency / supply
  double idle_current_a = 0;
  double sleep_current_a = 0;
  std::vector<PowerPhase> timeline;  // one frame period
};

// `inference_energy_j` includes the static energy booked during the inference.
PowerReport power_report(const PowerConfig& config, double latency_s, double inference_energy_j);

nlohmann::json to_json(const PowerReport& report);

}  // namespace axsim::cim
