// The roofline of one result: every array layer placed by its arithmetic intensity against
// DRAM (2 x MACs / DRAM bytes) and the operations per second it achieved, under the roof
// min(peak, DRAM bandwidth x intensity).
#pragma once

#include <string>
#include <vector>

#include "reports/result_view.h"

namespace axsim::reports {

struct RooflinePoint {
  const LayerView* layer = nullptr;
  double ops_per_byte = 0;
  double ops_per_s = 0;
};

// Array layers with MACs, DRAM traffic and time; a layer that reads nothing from DRAM has no
// finite intensity and is counted by roofline_unplaced instead.
std::vector<RooflinePoint> roofline_points(const ResultView& result);
std::size_t roofline_unplaced(const ResultView& result);

std::string render_roofline(const ResultView& result, const std::string& id);

}  // namespace axsim::reports
