// Per-layer latency as stacked bars (compute, memory stall, other), one bar per layer in
// execution order. Wide traces get thin bars rather than a summary: the point is to see
// where along the network the time and the stalls sit.
#pragma once

#include <string>
#include <vector>

#include "reports/result_view.h"

namespace axsim::reports {

struct LayerBar {
  double x = 0;      // left edge, SVG pixels
  double width = 0;
  double compute_height = 0;  // segments stacked from the baseline up in this order
  double memory_height = 0;
  double other_height = 0;
};

struct LayerChartLayout {
  double width = 0, height = 0;     // whole SVG
  double plot_left = 0, plot_top = 0, plot_width = 0, plot_height = 0;
  double y_max_s = 0;               // time at the top of the plot
  std::vector<double> y_ticks_s;
  std::vector<LayerBar> bars;       // one per layer, in execution order
};

// Heights are proportional to seconds on one linear scale shared by all bars.
LayerChartLayout layout_layer_chart(const std::vector<LayerView>& layers);

std::string render_layer_chart(const std::vector<LayerView>& layers, const std::string& id);

}  // namespace axsim::reports
