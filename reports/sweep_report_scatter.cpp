#include "reports/sweep_report_scatter.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kLeft = 92, kTop = 34, kPlotWidth = 560, kPlotHeight = 380;
constexpr double kWidth = kLeft + kPlotWidth + 24, kHeight = kTop + kPlotHeight + 48;
constexpr const char* kDominatedColour = "#b4b9c0";

// One axis: log when its values are positive and span more than a decade, where a linear
// axis would crush the small ones into a corner.
struct Scale {
  bool log = false;
  std::vector<double> ticks;
  double pixel_low = 0, pixel_high = 0;

  double operator()(double v) const {
    const double low = ticks.front(), high = ticks.back();
    const double f = log ? (std::log10(v) - std::log10(low)) / (std::log10(high) - std::log10(low))
                         : (v - low) / (high - low);
    return pixel_low + f * (pixel_high - pixel_low);
  }
};

Scale scale_of(const std::vector<double>& values, double pixel_low, double pixel_high) {
  Scale s{false, {}, pixel_low, pixel_high};
  double low = *std::min_element(values.begin(), values.end());
  double high = *std::max_element(values.begin(), values.end());
  if (low > 0 && high / low > 10) {
    s.log = true;
    s.ticks = decade_ticks(low, high);
    return s;
  }
  if (high == low) {  // one value: a band around it rather than a zero-width axis
    const double pad = low != 0 ? std::abs(low) * 0.1 : 1;
    low -= pad;
    high += pad;
  }
  const double step = linear_ticks(high - low)[1];
  for (double t = std::floor(low / step) * step; t < high + step * 0.999; t += step) {
    s.ticks.push_back(t);
  }
  return s;
}

std::string axis_title(const std::string& key, const Scale& scale) {
  return key + (higher_is_better(key) ? ", higher is better" : ", lower is better") +
         (scale.log ? " (log scale)" : "");
}

// Point indices by (x cost, y cost). Costs: negating a maximised value makes every axis one
// to minimise.
std::vector<std::size_t> by_cost(const std::vector<double>& x, const std::vector<double>& y,
                                 const ScatterKeys& keys) {
  const double x_sign = higher_is_better(keys.x) ? -1 : 1;
  const double y_sign = higher_is_better(keys.y) ? -1 : 1;
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::make_pair(x_sign * x[a], y_sign * y[a]) <
           std::make_pair(x_sign * x[b], y_sign * y[b]);
  });
  return order;
}

// The front's staircase, the edge of the region it dominates: from each front point across
// to the next one's x, then to the next one, in order of x cost.
std::string staircase(const std::vector<std::pair<double, double>>& front_pixels) {
  std::string out = "<polyline class=\"front-line\" fill=\"none\" stroke=\"" +
                    std::string(kComputeColour) + "\" stroke-width=\"1.5\" points=\"";
  for (std::size_t i = 0; i < front_pixels.size(); ++i) {
    const auto& [px, py] = front_pixels[i];
    if (i > 0) out += svg_number(px) + "," + svg_number(front_pixels[i - 1].second) + " ";
    out += svg_number(px) + "," + svg_number(py) + " ";
  }
  return out + "\"/>\n";
}

}  // namespace

std::vector<bool> scatter_front(const std::vector<double>& x, const std::vector<double>& y,
                                const ScatterKeys& keys) {
  const double y_sign = higher_is_better(keys.y) ? -1 : 1;
  // Sorted by x cost, a point is on the front when its y cost beats every cheaper-x point's,
  // or equals the last front point exactly.
  std::vector<bool> front(x.size(), false);
  bool any = false;
  std::size_t last = 0;
  for (const std::size_t i : by_cost(x, y, keys)) {
    const bool equal_to_last = any && x[i] == x[last] && y[i] == y[last];
    if (!any || y_sign * y[i] < y_sign * y[last] || equal_to_last) {
      front[i] = true;
      if (!equal_to_last) last = i;
      any = true;
    }
  }
  return front;
}

std::string render_sweep_scatter(const std::vector<const SweepPoint*>& points,
                                 const ScatterKeys& keys, const std::string& id) {
  std::vector<const SweepPoint*> drawn;
  std::vector<double> xs, ys;
  for (const SweepPoint* p : points) {
    const auto x = summary_value(p->summary, keys.x);
    const auto y = summary_value(p->summary, keys.y);
    if (!x || !y) continue;
    drawn.push_back(p);
    xs.push_back(*x);
    ys.push_back(*y);
  }
  if (drawn.empty()) return "";
  const std::vector<bool> front = scatter_front(xs, ys, keys);
  const Scale x = scale_of(xs, kLeft, kLeft + kPlotWidth);
  const Scale y = scale_of(ys, kTop + kPlotHeight, kTop);

  std::string out = svg_open(id, kWidth, kHeight, keys.y + " against " + keys.x);
  const auto front_size = std::count(front.begin(), front.end(), true);
  double lx = kLeft;
  lx = svg_legend_item(out, lx, 16, kComputeColour,
                       "Pareto front of these two (" + std::to_string(front_size) + ")");
  svg_legend_item(out, lx, 16, kDominatedColour, "dominated");
  for (const double t : x.ticks) {
    out += svg_line(x(t), kTop, x(t), kTop + kPlotHeight, "grid");
    out += svg_text(x(t), kTop + kPlotHeight + 17, format_summary_value(keys.x, t), "middle");
  }
  for (const double t : y.ticks) {
    out += svg_line(kLeft, y(t), kLeft + kPlotWidth, y(t), "grid");
    out += svg_text(kLeft - 6, y(t) + 4, format_summary_value(keys.y, t), "end");
  }
  out += "<rect class=\"frame\" x=\"" + svg_number(kLeft) + "\" y=\"" + svg_number(kTop) +
         "\" width=\"" + svg_number(kPlotWidth) + "\" height=\"" + svg_number(kPlotHeight) +
         "\"/>\n";
  out += svg_text(kLeft + kPlotWidth / 2, kTop + kPlotHeight + 38, axis_title(keys.x, x),
                  "middle", "axis-label");
  out += svg_vertical_text(18, kTop + kPlotHeight / 2, axis_title(keys.y, y));

  std::vector<std::pair<double, double>> front_pixels;
  for (const std::size_t i : by_cost(xs, ys, keys)) {
    if (front[i]) front_pixels.emplace_back(x(xs[i]), y(ys[i]));
  }
  out += staircase(front_pixels);

  // Dominated points first, so the front is drawn over them.
  out += "<g class=\"points\">\n";
  for (const bool on_front : {false, true}) {
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      if (front[i] != on_front) continue;
      const std::string tooltip =
          "#" + std::to_string(drawn[i]->index) + " " + settings_text(*drawn[i]) + ": " + keys.x +
          " " + format_summary_value(keys.x, xs[i]) + ", " + keys.y + " " +
          format_summary_value(keys.y, ys[i]) + (on_front ? " (on the front)" : "");
      out += "<circle class=\"" + std::string(on_front ? "pareto" : "dominated") + "\" cx=\"" +
             svg_number(x(xs[i])) + "\" cy=\"" + svg_number(y(ys[i])) + "\" r=\"" +
             (on_front ? "6" : "3.5") + "\" fill=\"" +
             (on_front ? kComputeColour : kDominatedColour) + "\"><title>" +
             escape_html(tooltip) + "</title></circle>\n";
    }
  }
  return out + "</g>\n</svg>\n";
}

}  // namespace axsim::reports
