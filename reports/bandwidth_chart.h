// Off-chip bandwidth over time: each layer moves its off-chip bytes evenly over its own
// interval [start, start + latency]; layers that overlap (a dataflow pipeline) add up. A
// step line over the run, the peak as a dashed line when the result states one, and the
// run's average. Shows where a network leans on memory and how close it comes to the wall.
#pragma once

#include <string>
#include <vector>

#include "reports/result_view.h"

namespace axsim::reports {

// The off-chip memory level the chart draws: the first of dram, external, host that moved
// any bytes; "" when none did.
std::string offchip_level(const std::vector<LayerView>& layers);

struct BandwidthStep {
  double start_s = 0, end_s = 0;
  double bytes_per_s = 0;
};

// Piecewise-constant bandwidth of `level` over time, in time order, gaps as 0 B/s steps.
std::vector<BandwidthStep> bandwidth_steps(const std::vector<LayerView>& layers,
                                           const std::string& level);

// The chart; a short note instead when no layer moved off-chip bytes.
std::string render_bandwidth_chart(const ResultView& result, const std::string& id);

}  // namespace axsim::reports
