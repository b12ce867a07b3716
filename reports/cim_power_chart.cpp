#include "reports/cim_power_chart.h"

#include <algorithm>
#include <cmath>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kPlotLeft = 78, kPlotTop = 34, kPlotWidth = 640, kPlotHeight = 200;
constexpr double kBottom = 46, kRight = 130;
// Beyond this ratio of the largest to the smallest current a linear axis flattens the
// small states into the baseline.
constexpr double kLogAxisRatio = 100;
// A state shorter than a pixel still gets a visible sliver.
constexpr double kMinBandWidth = 1.5, kMinBandHeight = 1.5;

std::vector<std::string> states_in_order(const std::vector<CimPowerState>& timeline) {
  std::vector<std::string> states;
  for (const auto& s : timeline) {
    if (std::find(states.begin(), states.end(), s.state) == states.end()) states.push_back(s.state);
  }
  return states;
}

bool is_known_state(const std::string& state) {
  for (const char* known :
       {"active", "compute", "reprogram", "program", "write", "idle", "sleep"}) {
    if (state == known) return true;
  }
  return false;
}

std::string band_tooltip(const CimPowerState& s) {
  return s.state + ": " + format_current(s.current_a) + " for " +
         core::format_time(core::seconds(s.duration_s)) + " from " +
         core::format_time(core::seconds(s.start_s));
}

}  // namespace

std::string power_state_colour(const std::string& state, const std::vector<std::string>& others) {
  if (state == "active" || state == "compute") return kComputeColour;
  if (state == "reprogram" || state == "program" || state == "write") return kMemoryColour;
  if (state == "idle") return kOtherColour;
  if (state == "sleep") return "#d3d7dd";
  static const char* const kPalette[] = {"#5a9e6f", "#7d6fa8", "#c2577a", "#8fb1e0"};
  const auto at = std::find(others.begin(), others.end(), state) - others.begin();
  return kPalette[static_cast<std::size_t>(std::max<std::ptrdiff_t>(at, 0)) % std::size(kPalette)];
}

PowerTimelineLayout layout_power_timeline(const CimPower& power) {
  PowerTimelineLayout l;
  l.plot_left = kPlotLeft;
  l.plot_top = kPlotTop;
  l.plot_width = kPlotWidth;
  l.plot_height = kPlotHeight;
  l.width = kPlotLeft + kPlotWidth + kRight;
  l.height = kPlotTop + kPlotHeight + kBottom;

  double end_s = power.frame_period_s();
  double high_a = power.average_current_a, low_a = 0;
  for (const auto& s : power.timeline) {
    end_s = std::max(end_s, s.start_s + s.duration_s);
    high_a = std::max(high_a, s.current_a);
    if (s.current_a > 0) low_a = low_a > 0 ? std::min(low_a, s.current_a) : s.current_a;
  }
  // The axis ends where the frame (or the last state) ends, not at the next round tick.
  l.time_ticks_s = linear_ticks(end_s, 6);
  while (l.time_ticks_s.size() > 1 && l.time_ticks_s.back() > end_s * (1 + 1e-9)) {
    l.time_ticks_s.pop_back();
  }
  l.time_max_s = end_s > 0 ? end_s : l.time_ticks_s.back();

  l.log_current = low_a > 0 && high_a / low_a > kLogAxisRatio;
  // A decade of room under the smallest current keeps its band clear of the baseline.
  l.current_ticks_a = l.log_current ? decade_ticks(low_a / 10, high_a) : linear_ticks(high_a, 5);
  const double bottom_a = l.current_ticks_a.front(), top_a = l.current_ticks_a.back();
  const double baseline = kPlotTop + kPlotHeight;
  const auto y_of = [&](double amps) {
    double share = 0;
    if (l.log_current) {
      share = amps > bottom_a ? std::log10(amps / bottom_a) / std::log10(top_a / bottom_a) : 0;
    } else {
      share = top_a > 0 ? amps / top_a : 0;
    }
    return baseline - share * kPlotHeight;
  };
  const auto x_of = [&](double s) { return kPlotLeft + s / l.time_max_s * kPlotWidth; };

  for (const auto& s : power.timeline) {
    PowerBand b;
    b.state = s.state;
    b.x = x_of(s.start_s);
    b.width = std::max(x_of(s.start_s + s.duration_s) - b.x, kMinBandWidth);
    b.height = std::max(baseline - y_of(s.current_a), kMinBandHeight);
    b.y = baseline - b.height;
    l.bands.push_back(b);
  }
  for (const double a : l.current_ticks_a) l.current_ticks_y.push_back(y_of(a));
  l.average_y = y_of(power.average_current_a);
  l.period_x = x_of(power.frame_period_s());
  return l;
}

std::string render_power_timeline(const CimPower& power, const std::string& id) {
  const PowerTimelineLayout l = layout_power_timeline(power);
  const double baseline = l.plot_top + l.plot_height;
  const double right = l.plot_left + l.plot_width;
  std::string out = svg_open(id, l.width, l.height, "Power states over one frame period");

  const std::vector<std::string> states = states_in_order(power.timeline);
  std::vector<std::string> others;
  for (const auto& s : states) {
    if (!is_known_state(s)) others.push_back(s);
  }
  double x = l.plot_left;
  for (const auto& s : states) {
    const std::string colour = power_state_colour(s, others);
    x = svg_legend_item(out, x, 16, colour.c_str(), s);
  }

  for (std::size_t i = 0; i < l.current_ticks_a.size(); ++i) {
    const double y = l.current_ticks_y[i];
    out += svg_line(l.plot_left, y, right, y, "grid");
    out += svg_text(l.plot_left - 6, y + 4, format_current(l.current_ticks_a[i]), "end");
  }
  out += svg_vertical_text(16, l.plot_top + l.plot_height / 2,
                           l.log_current ? "current (log scale)" : "current");

  out += "<g class=\"bands\">\n";
  for (std::size_t i = 0; i < l.bands.size(); ++i) {
    const PowerBand& b = l.bands[i];
    out += "<rect class=\"state-band\" data-state=\"" + escape_html(b.state) + "\" x=\"" +
           svg_number(b.x) + "\" y=\"" + svg_number(b.y) + "\" width=\"" + svg_number(b.width) +
           "\" height=\"" + svg_number(b.height) + "\" fill=\"" +
           power_state_colour(b.state, others) + "\"><title>" +
           escape_html(band_tooltip(power.timeline[i])) + "</title></rect>\n";
  }
  out += "</g>\n";

  out += svg_line(l.plot_left, baseline, right, baseline, "axis");
  for (const double t : l.time_ticks_s) {
    const double tx = l.plot_left + t / l.time_max_s * l.plot_width;
    out += svg_line(tx, baseline, tx, baseline + 4, "axis");
    out += svg_text(tx, baseline + 17, core::format_time(core::seconds(t)), "middle");
  }
  out += svg_text(l.plot_left, baseline + 36, "time within one frame (hover a band for the state)",
                  "start", "axis-label");

  if (power.frame_period_s() > 0) {
    out += svg_line(l.period_x, l.plot_top, l.period_x, baseline, "period");
    out += svg_text(l.period_x - 4, l.plot_top - 4,
                    "frame period " + core::format_time(core::seconds(power.frame_period_s())),
                    "end", "value");
  }
  out += svg_line(l.plot_left, l.average_y, right, l.average_y, "average");
  out += svg_text(right + 6, l.average_y + 4, "average " + format_current(power.average_current_a),
                  "start", "value");
  return out + "</svg>\n";
}

}  // namespace axsim::reports
