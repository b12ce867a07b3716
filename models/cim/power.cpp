#include "models/cim/power.h"

namespace axsim::cim {

PowerReport power_report(const PowerConfig& config, double latency_s, double inference_energy_j) {
  PowerReport r;
  r.frame_rate_hz = config.frame_rate_hz;
  r.supply_v = config.supply_v;
  r.idle_current_a = config.idle_current_a;
  r.sleep_current_a = config.sleep_current_a;
  r.active_current_a = latency_s > 0 ? inference_energy_j / latency_s / config.supply_v : 0.0;

  const bool sleeps = config.between_frames == SleepMode::sleep;
  const double wakeup_s = sleeps ? config.wakeup_time.si : 0.0;
  const double wakeup_a =
      sleeps && wakeup_s > 0 ? config.wakeup_energy.si / wakeup_s / config.supply_v : 0.0;
  double t = 0;
  auto phase = [&](const std::string& state, double duration, double current) {
    if (duration <= 0) return;
    r.timeline.push_back({state, t, duration, current});
    t += duration;
  };
  if (config.frame_rate_hz <= 0) {
    phase("active", latency_s, r.active_current_a);
    r.duty_cycle = 1;
    r.average_current_a = r.active_current_a;
  } else {
    const double frame_s = 1.0 / config.frame_rate_hz;
    r.duty_cycle = (wakeup_s + latency_s) / frame_s;
    r.meets_frame_rate = r.duty_cycle <= 1.0;
    phase("wakeup", wakeup_s, wakeup_a);
    phase("active", latency_s, r.active_current_a);
    if (r.meets_frame_rate) {
      phase(sleeps ? "sleep" : "idle", frame_s - t,
            sleeps ? config.sleep_current_a : config.idle_current_a);
    }
    double charge = 0;
    for (const PowerPhase& p : r.timeline) charge += p.current_a * p.duration_s;
    // A rate that is not met: the chip never rests, frames back to back.
    r.average_current_a = charge / (r.meets_frame_rate ? frame_s : t);
  }
  r.average_power_w = r.average_current_a * config.supply_v;
  return r;
}

nlohmann::json to_json(const PowerReport& r) {
  nlohmann::json timeline = nlohmann::json::array();
  for (const PowerPhase& p : r.timeline) {
    timeline.push_back({{"state", p.state},
                        {"start_s", p.start_s},
                        {"duration_s", p.duration_s},
                        {"current_a", p.current_a}});
  }
  return {{"frame_rate_hz", r.frame_rate_hz},
          {"supply_v", r.supply_v},
          {"duty_cycle", r.duty_cycle},
          {"meets_frame_rate", r.meets_frame_rate},
          {"average_current_a", r.average_current_a},
          {"average_power_w", r.average_power_w},
          {"active_current_a", r.active_current_a},
          {"idle_current_a", r.idle_current_a},
          {"sleep_current_a", r.sleep_current_a},
          {"timeline", timeline}};
}

}  // namespace axsim::cim
