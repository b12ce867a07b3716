// One frame period of a CIM macro's power states: each state a coloured band as wide as its
// time and as tall as its current, the average current a dashed line across. Currents that
// span more than two decades (mA active, µA asleep) get a log axis so every state shows.
#pragma once

#include <string>
#include <vector>

#include "reports/cim_details.h"

namespace axsim::reports {

struct PowerBand {
  std::string state;
  double x = 0, width = 0;   // SVG pixels
  double y = 0, height = 0;  // top edge and height above the baseline
};

struct PowerTimelineLayout {
  double width = 0, height = 0;  // whole SVG
  double plot_left = 0, plot_top = 0, plot_width = 0, plot_height = 0;
  double time_max_s = 0;  // time at the right edge of the plot
  std::vector<double> time_ticks_s;
  bool log_current = false;
  std::vector<double> current_ticks_a;  // bottom to top
  std::vector<double> current_ticks_y;  // their SVG y
  double average_y = 0;
  double period_x = 0;           // right end of one frame period
  std::vector<PowerBand> bands;  // one per timeline entry, in its order
};

PowerTimelineLayout layout_power_timeline(const CimPower& power);

std::string render_power_timeline(const CimPower& power, const std::string& id);

// The colour of a power state: active work blue, weight writes orange, idle and sleep greys,
// any other state from a fixed palette in order of first appearance.
std::string power_state_colour(const std::string& state, const std::vector<std::string>& others);

}  // namespace axsim::reports
