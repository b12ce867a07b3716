#include "sweep/points.h"

#include "models/core/error.h"

namespace axsim::sweep {

namespace {

constexpr size_t kMaxPoints = 100000;

std::vector<std::vector<std::pair<std::string, std::string>>> combine_axes(const SweepSpec& spec) {
  std::vector<std::vector<std::pair<std::string, std::string>>> out(1);
  if (spec.combine == Combine::zip) {
    if (spec.axes.empty()) return out;
    out.assign(spec.axes.front().values.size(), {});
    for (size_t i = 0; i < out.size(); ++i) {
      for (const Axis& axis : spec.axes) out[i].emplace_back(axis.key, axis.values[i]);
    }
    return out;
  }
  for (const Axis& axis : spec.axes) {
    std::vector<std::vector<std::pair<std::string, std::string>>> next;
    for (const auto& partial : out) {
      for (const std::string& value : axis.values) {
        next.push_back(partial);
        next.back().emplace_back(axis.key, value);
        if (next.size() > kMaxPoints) {
          throw core::InputError(spec.file + ": the axes make more than " +
                                 std::to_string(kMaxPoints) + " points");
        }
      }
    }
    out = std::move(next);
  }
  return out;
}

}  // namespace

std::vector<std::string> Point::overrides() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : settings) out.push_back(key + "=" + value);
  return out;
}

std::vector<Point> expand_points(const SweepSpec& spec) {
  const auto combos = combine_axes(spec);
  if (combos.size() * spec.configs.size() * spec.workloads.size() > kMaxPoints) {
    throw core::InputError(spec.file + ": the sweep has more than " +
                           std::to_string(kMaxPoints) + " points");
  }
  std::vector<Point> points;
  for (const std::string& config : spec.configs) {
    for (const std::string& workload : spec.workloads) {
      for (const auto& settings : combos) {
        Point p;
        p.index = points.size();
        p.config = config;
        p.workload = workload;
        p.settings = settings;
        points.push_back(std::move(p));
      }
    }
  }
  return points;
}

std::vector<bool> pareto_front(const std::vector<std::vector<double>>& rows) {
  std::vector<bool> front(rows.size(), true);
  for (size_t a = 0; a < rows.size(); ++a) {
    for (size_t b = 0; b < rows.size() && front[a]; ++b) {
      if (a == b) continue;
      bool no_worse = true;
      bool better = false;
      for (size_t k = 0; k < rows[a].size(); ++k) {
        no_worse &= rows[b][k] <= rows[a][k];
        better |= rows[b][k] < rows[a][k];
      }
      if (no_worse && better) front[a] = false;
    }
  }
  return front;
}

}  // namespace axsim::sweep
