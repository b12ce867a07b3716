#include "reports/layer_chart.h"

#include <algorithm>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kPlotLeft = 72, kPlotTop = 34, kPlotHeight = 260, kBottom = 46, kRight = 24;
// A bar pitch of 1.8 px keeps 600 layers within the page width; 36 px caps small traces.
constexpr double kTargetPlotWidth = 1100, kMinPitch = 1.8, kMaxPitch = 36;

std::string rect(double x, double y, double w, double h, const char* css_class) {
  return "<rect class=\"" + std::string(css_class) + "\" x=\"" + svg_number(x) + "\" y=\"" +
         svg_number(y) + "\" width=\"" + svg_number(w) + "\" height=\"" + svg_number(h) +
         "\"/>";
}

std::string bar_tooltip(const LayerView& layer, std::size_t index) {
  using core::format_time;
  using core::seconds;
  return "#" + std::to_string(index) + " " + layer.name + " (" + layer.op + ", " + layer.unit +
         "): " + format_time(seconds(layer.latency_s)) + "; compute " +
         format_time(seconds(layer.compute_s)) + ", memory stall " +
         format_time(seconds(layer.memory_s)) + ", other " + format_time(seconds(layer.other_s));
}

// Index ticks at a 1/2/5 step so labels never collide, whatever the layer count.
std::vector<double> index_ticks(std::size_t count, double pitch) {
  const int target = std::max(2, static_cast<int>(count * pitch / 70));
  std::vector<double> ticks = linear_ticks(static_cast<double>(count - 1), target);
  while (!ticks.empty() && ticks.back() > static_cast<double>(count - 1)) ticks.pop_back();
  return ticks;
}

}  // namespace

LayerChartLayout layout_layer_chart(const std::vector<LayerView>& layers) {
  LayerChartLayout l;
  const double pitch =
      layers.empty() ? kMaxPitch
                     : std::clamp(kTargetPlotWidth / static_cast<double>(layers.size()),
                                  kMinPitch, kMaxPitch);
  l.plot_left = kPlotLeft;
  l.plot_top = kPlotTop;
  l.plot_height = kPlotHeight;
  l.plot_width = std::max(1.0, static_cast<double>(layers.size())) * pitch;
  l.width = kPlotLeft + l.plot_width + kRight;
  l.height = kPlotTop + kPlotHeight + kBottom;

  double longest_s = 0;
  for (const auto& layer : layers) longest_s = std::max(longest_s, layer.latency_s);
  l.y_ticks_s = linear_ticks(longest_s, 5);
  l.y_max_s = l.y_ticks_s.back();

  const double px_per_s = l.y_max_s > 0 ? kPlotHeight / l.y_max_s : 0.0;
  // Thin bars touch; wider ones keep a gap so neighbours stay distinct.
  const double width = pitch >= 5 ? pitch * 0.8 : pitch;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    LayerBar bar;
    bar.x = kPlotLeft + static_cast<double>(i) * pitch + (pitch - width) / 2;
    bar.width = width;
    bar.compute_height = layers[i].compute_s * px_per_s;
    bar.memory_height = layers[i].memory_s * px_per_s;
    bar.other_height = layers[i].other_s * px_per_s;
    l.bars.push_back(bar);
  }
  return l;
}

std::string render_layer_chart(const std::vector<LayerView>& layers, const std::string& id) {
  const LayerChartLayout l = layout_layer_chart(layers);
  const double baseline = l.plot_top + l.plot_height;
  std::string out = svg_open(id, l.width, l.height, "Per-layer latency, stacked by cause");

  double x = l.plot_left;
  x = svg_legend_item(out, x, 16, kComputeColour, "compute");
  x = svg_legend_item(out, x, 16, kMemoryColour, "memory stall");
  svg_legend_item(out, x, 16, kOtherColour, "other");

  for (const double t : l.y_ticks_s) {
    const double y = baseline - t / l.y_max_s * l.plot_height;
    out += svg_line(l.plot_left, y, l.plot_left + l.plot_width, y, "grid");
    out += svg_text(l.plot_left - 6, y + 4, core::format_time(core::seconds(t)), "end");
  }
  out += svg_vertical_text(16, l.plot_top + l.plot_height / 2, "latency per layer");

  out += "<g class=\"bars\">\n";
  for (std::size_t i = 0; i < l.bars.size(); ++i) {
    const LayerBar& b = l.bars[i];
    const double top = baseline - b.compute_height - b.memory_height - b.other_height;
    out += "<g><title>" + escape_html(bar_tooltip(layers[i], i)) + "</title>";
    // A transparent full-height hit area keeps the tooltip reachable on very short bars.
    out += rect(b.x, l.plot_top, b.width, l.plot_height, "hit");
    if (b.compute_height > 0) {
      out += rect(b.x, baseline - b.compute_height, b.width, b.compute_height, "compute");
    }
    if (b.memory_height > 0) {
      out += rect(b.x, baseline - b.compute_height - b.memory_height, b.width, b.memory_height,
                  "memory");
    }
    if (b.other_height > 0) out += rect(b.x, top, b.width, b.other_height, "other");
    out += "</g>\n";
  }
  out += "</g>\n";

  out += svg_line(l.plot_left, baseline, l.plot_left + l.plot_width, baseline, "axis");
  if (!layers.empty()) {
    const double pitch = l.plot_width / static_cast<double>(layers.size());
    for (const double index : index_ticks(layers.size(), pitch)) {
      const double cx = l.plot_left + (index + 0.5) * pitch;
      out += svg_line(cx, baseline, cx, baseline + 4, "axis");
      out += svg_text(cx, baseline + 17, svg_number(index, 0), "middle");
    }
  }
  out += svg_text(l.plot_left, baseline + 36,
                  "layer index, in execution order (hover a bar for the layer)", "start",
                  "axis-label");
  out += "</svg>\n";
  return out;
}

}  // namespace axsim::reports
