#include "reports/bandwidth_chart.h"

#include <algorithm>
#include <map>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kPlotLeft = 78, kPlotTop = 30, kPlotWidth = 640, kPlotHeight = 180;
constexpr double kBottom = 44, kRight = 150;

double level_bytes(const LayerView& layer, const std::string& level) {
  const auto it = layer.bytes.find(level);
  return it == layer.bytes.end() ? 0.0 : it->second;
}

}  // namespace

std::string offchip_level(const std::vector<LayerView>& layers) {
  for (const char* level : {"dram", "external", "host"}) {
    for (const LayerView& layer : layers) {
      if (level_bytes(layer, level) > 0) return level;
    }
  }
  return "";
}

std::vector<BandwidthStep> bandwidth_steps(const std::vector<LayerView>& layers,
                                           const std::string& level) {
  // Rate changes at each interval's ends; a sweep over them sums what overlaps.
  std::map<double, double> change;
  for (const LayerView& layer : layers) {
    const double bytes = level_bytes(layer, level);
    if (bytes <= 0 || layer.latency_s <= 0) continue;
    const double rate = bytes / layer.latency_s;
    change[layer.start_s] += rate;
    change[layer.start_s + layer.latency_s] -= rate;
  }
  std::vector<BandwidthStep> steps;
  double rate = 0;
  for (auto it = change.begin(); it != change.end(); ++it) {
    rate += it->second;
    const auto next = std::next(it);
    if (next == change.end()) break;
    const double shown = std::max(0.0, rate);  // rounding of the running sum
    if (!steps.empty() && steps.back().bytes_per_s == shown) {
      steps.back().end_s = next->first;
    } else {
      steps.push_back({it->first, next->first, shown});
    }
  }
  return steps;
}

std::string render_bandwidth_chart(const ResultView& result, const std::string& id) {
  const std::string level = offchip_level(result.layers);
  if (level.empty()) {
    return "<p class=\"note\">No layer moved bytes off chip: every weight and activation stayed "
           "on chip.</p>\n";
  }
  const std::vector<BandwidthStep> steps = bandwidth_steps(result.layers, level);
  double end_s = 0, top = 0, bytes = 0;
  for (const BandwidthStep& s : steps) {
    end_s = std::max(end_s, s.end_s);
    top = std::max(top, s.bytes_per_s);
    bytes += s.bytes_per_s * (s.end_s - s.start_s);
  }
  const double peak = level == "dram" ? result.dram_bandwidth_peak : 0.0;
  const std::vector<double> ticks = linear_ticks(std::max(top, peak));
  const double y_max = ticks.empty() ? 1.0 : ticks.back();
  const std::vector<double> x_ticks = linear_ticks(end_s);
  const double x_max = x_ticks.empty() || x_ticks.back() <= 0 ? 1.0 : x_ticks.back();
  const auto x_of = [&](double t) { return kPlotLeft + kPlotWidth * t / x_max; };
  const auto y_of = [&](double b) { return kPlotTop + kPlotHeight * (1.0 - b / y_max); };
  const auto rate = [](double b) { return core::format_bandwidth(core::bytes_per_second(b)); };

  std::string out = svg_open(id, kPlotLeft + kPlotWidth + kRight, kPlotTop + kPlotHeight + kBottom,
                             level + " bandwidth over time");
  for (const double t : ticks) {
    out += svg_line(kPlotLeft, y_of(t), kPlotLeft + kPlotWidth, y_of(t), "grid");
    out += svg_text(kPlotLeft - 6, y_of(t) + 4, rate(t), "end");
  }
  for (const double t : x_ticks) {
    out += svg_text(x_of(t), kPlotTop + kPlotHeight + 16,
                    core::format_time(core::seconds(t)), "middle");
  }
  out += svg_text(kPlotLeft, kPlotTop + kPlotHeight + 34, "time in the run (hover a step)");
  out += svg_vertical_text(18, kPlotTop + kPlotHeight / 2, level + " bandwidth");
  for (const BandwidthStep& s : steps) {
    const double x = x_of(s.start_s);
    const double w = std::max(0.5, x_of(s.end_s) - x);
    out += "<rect class=\"bw-step\" x=\"" + svg_number(x) + "\" y=\"" + svg_number(y_of(s.bytes_per_s)) +
           "\" width=\"" + svg_number(w) + "\" height=\"" +
           svg_number(kPlotTop + kPlotHeight - y_of(s.bytes_per_s)) + "\" fill=\"" +
           kMemoryColour + "\"><title>" +
           escape_html(rate(s.bytes_per_s) + " from " + core::format_time(core::seconds(s.start_s)) +
                       " to " + core::format_time(core::seconds(s.end_s))) +
           "</title></rect>\n";
  }
  out += svg_line(kPlotLeft, kPlotTop + kPlotHeight, kPlotLeft + kPlotWidth, kPlotTop + kPlotHeight,
                  "axis");
  if (peak > 0) {
    out += svg_line(kPlotLeft, y_of(peak), kPlotLeft + kPlotWidth, y_of(peak), "peak-line");
    out += svg_text(kPlotLeft + kPlotWidth + 6, y_of(peak) + 4, "peak " + rate(peak));
  }
  if (result.latency_s > 0) {
    const double average = bytes / result.latency_s;
    out += svg_line(kPlotLeft, y_of(average), kPlotLeft + kPlotWidth, y_of(average), "average-line");
    out += svg_text(kPlotLeft + kPlotWidth + 6, y_of(average) + 4, "average " + rate(average));
  }
  return out + "</svg>\n";
}

}  // namespace axsim::reports
