// Design points of a sweep, and the Pareto front over their objectives.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sweep/sweep_spec.h"

namespace axsim::sweep {

struct Point {
  size_t index = 0;
  std::string config;
  std::string workload;
  std::vector<std::pair<std::string, std::string>> settings;  // axis key -> value

  std::vector<std::string> overrides() const;  // "key=value" for --set
};

// configs × workloads × (product or zip of the axes, pruned by the constraints, then
// sampled), in a stable order. InputError past 100,000 points.
std::vector<Point> expand_points(const SweepSpec& spec);

// Which rows are not dominated (every objective minimised). A row dominates another when it
// is no worse in every objective and better in one.
std::vector<bool> pareto_front(const std::vector<std::vector<double>>& rows);

}  // namespace axsim::sweep
