// The sweep report's scatter: one circle per finished point of a workload at two summary
// values, the Pareto front of those two drawn large, coloured and joined by its staircase,
// dominated points small and grey.
#pragma once

#include <string>
#include <vector>

#include "reports/sweep_report_points.h"

namespace axsim::reports {

struct ScatterKeys {
  std::string x = "latency_s";
  std::string y = "energy_j";
};

// Points lacking either value are left out (a value <= 0 only forces linear axes).
std::string render_sweep_scatter(const std::vector<const SweepPoint*>& points,
                                 const ScatterKeys& keys, const std::string& id);

// Membership of the Pareto front of (x, y), minimising costs and maximising what
// higher_is_better names; equal points share their fate.
std::vector<bool> scatter_front(const std::vector<double>& x, const std::vector<double>& y,
                                const ScatterKeys& keys);

}  // namespace axsim::reports
