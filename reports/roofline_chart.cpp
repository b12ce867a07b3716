#include "reports/roofline_chart.h"

#include <algorithm>
#include <cmath>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kLeft = 84, kTop = 34, kPlotWidth = 520, kPlotHeight = 360;
constexpr double kPi = 3.14159265358979323846;
constexpr double kWidth = kLeft + kPlotWidth + 24, kHeight = kTop + kPlotHeight + 48;

bool placed(const LayerView& layer) {
  return layer.unit == "array" && layer.macs > 0 && layer.dram_bytes > 0 && layer.latency_s > 0;
}

// Log-scale mapping of one axis onto pixels.
struct LogAxis {
  double low, high, pixel_low, pixel_high;
  double operator()(double v) const {
    const double f = (std::log10(v) - std::log10(low)) / (std::log10(high) - std::log10(low));
    return pixel_low + f * (pixel_high - pixel_low);
  }
};

std::string intensity_label(double ops_per_byte) {
  return svg_number(ops_per_byte, ops_per_byte < 1 ? 3 : 0);
}

std::string point_tooltip(const RooflinePoint& p) {
  const LayerView& l = *p.layer;
  return l.name + " (" + l.op + "): " + svg_number(p.ops_per_byte, 1) + " ops/B, " +
         format_ops_rate(p.ops_per_s) + ", utilisation " + format_percent(l.utilization) +
         "; memory stall " + format_share(l.memory_s, l.latency_s) + " of its latency";
}

// The roof: the DRAM slope up to the ridge, then the flat compute peak. Labels sit above
// the roof, where no layer can be.
std::string roof(const LogAxis& x, const LogAxis& y, double peak, double bandwidth) {
  std::string out = "<polyline class=\"roof\" points=\"";
  if (bandwidth > 0) {
    // The slope enters the plot at the left edge or at the bottom edge.
    const double x_start = std::max(x.low, y.low / bandwidth);
    out += svg_number(x(x_start)) + "," + svg_number(y(bandwidth * x_start)) + " ";
    out += svg_number(x(peak / bandwidth)) + "," + svg_number(y(peak)) + " ";
  } else {
    out += svg_number(x(x.low)) + "," + svg_number(y(peak)) + " ";
  }
  out += svg_number(x(x.high)) + "," + svg_number(y(peak)) + "\"/>\n";
  out += svg_text(x(x.high) - 6, y(peak) - 7, "peak " + format_ops_rate(peak), "end",
                  "roof-label");
  if (bandwidth <= 0) return out;

  const double ridge = peak / bandwidth;
  out += svg_line(x(ridge), y(peak), x(ridge), y.pixel_low, "ridge");
  out += svg_text(x(ridge) + 4, y.pixel_low - 6, "ridge " + svg_number(ridge, 0) + " ops/B",
                  "start", "tick");
  // Bandwidth label along the slope, halfway (in log space) between its ends.
  const double x_start = std::max(x.low, y.low / bandwidth);
  const double x_mid = std::sqrt(x_start * ridge);
  const double angle = std::atan2(y(bandwidth * ridge) - y(bandwidth * x_start),
                                  x(ridge) - x(x_start)) * 180.0 / kPi;
  out += "<text class=\"roof-label\" text-anchor=\"middle\" transform=\"translate(" +
         svg_number(x(x_mid)) + "," + svg_number(y(bandwidth * x_mid)) + ") rotate(" +
         svg_number(angle) + ") translate(0,-7)\">DRAM " +
         escape_html(core::format_bandwidth(core::bytes_per_second(bandwidth))) + "</text>\n";
  return out;
}

}  // namespace

std::vector<RooflinePoint> roofline_points(const ResultView& result) {
  std::vector<RooflinePoint> points;
  for (const auto& layer : result.layers) {
    if (!placed(layer)) continue;
    points.push_back({&layer, 2 * layer.macs / layer.dram_bytes, 2 * layer.macs / layer.latency_s});
  }
  return points;
}

std::size_t roofline_unplaced(const ResultView& result) {
  return static_cast<std::size_t>(std::count_if(
      result.layers.begin(), result.layers.end(), [](const LayerView& l) {
        return l.unit == "array" && l.macs > 0 && !placed(l);
      }));
}

std::string render_roofline(const ResultView& result, const std::string& id) {
  const std::vector<RooflinePoint> points = roofline_points(result);
  const double peak = result.peak_ops_per_s;
  const double bandwidth = result.dram_bandwidth_peak;
  double x_low = peak > 0 && bandwidth > 0 ? peak / bandwidth : 1, x_high = x_low;
  // Half a decade of headroom above the peak keeps its label inside the plot.
  double y_low = peak > 0 ? peak : 1, y_high = y_low * 3;
  for (const auto& p : points) {
    x_low = std::min(x_low, p.ops_per_byte);
    x_high = std::max(x_high, p.ops_per_byte);
    y_low = std::min(y_low, p.ops_per_s);
    y_high = std::max(y_high, p.ops_per_s);
  }
  const std::vector<double> x_ticks = decade_ticks(x_low, x_high);
  const std::vector<double> y_ticks = decade_ticks(y_low, y_high);
  const LogAxis x{x_ticks.front(), x_ticks.back(), kLeft, kLeft + kPlotWidth};
  const LogAxis y{y_ticks.front(), y_ticks.back(), kTop + kPlotHeight, kTop};

  std::string out = svg_open(id, kWidth, kHeight, "Roofline: per-layer achieved ops/s");
  double lx = kLeft;
  lx = svg_legend_item(out, lx, 16, kComputeColour, "layer: compute > memory stall");
  svg_legend_item(out, lx, 16, kMemoryColour, "layer: memory stall > compute");

  for (const double t : x_ticks) {
    out += svg_line(x(t), kTop, x(t), kTop + kPlotHeight, "grid");
    out += svg_text(x(t), kTop + kPlotHeight + 17, intensity_label(t), "middle");
  }
  for (const double t : y_ticks) {
    out += svg_line(kLeft, y(t), kLeft + kPlotWidth, y(t), "grid");
    out += svg_text(kLeft - 6, y(t) + 4, format_ops_rate(t), "end");
  }
  out += "<rect class=\"frame\" x=\"" + svg_number(kLeft) + "\" y=\"" + svg_number(kTop) +
         "\" width=\"" + svg_number(kPlotWidth) + "\" height=\"" + svg_number(kPlotHeight) +
         "\"/>\n";
  out += svg_text(kLeft + kPlotWidth / 2, kTop + kPlotHeight + 38,
                  "arithmetic intensity: 2 x MACs / DRAM bytes (ops/byte, log scale)", "middle",
                  "axis-label");
  out += svg_vertical_text(18, kTop + kPlotHeight / 2, "achieved ops/s (log scale)");

  if (peak > 0) out += roof(x, y, peak, bandwidth);

  out += "<g class=\"points\">\n";
  for (const auto& p : points) {
    const bool memory_bound = p.layer->memory_s > p.layer->compute_s;
    out += "<circle cx=\"" + svg_number(x(p.ops_per_byte)) + "\" cy=\"" +
           svg_number(y(p.ops_per_s)) + "\" r=\"4.5\" fill=\"" +
           (memory_bound ? kMemoryColour : kComputeColour) + "\"><title>" +
           escape_html(point_tooltip(p)) + "</title></circle>\n";
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace axsim::reports
