#include "sweep/points.h"

#include <algorithm>
#include <random>
#include <set>
#include <stdexcept>

#include "models/core/error.h"

namespace axsim::sweep {

namespace {

constexpr size_t kMaxPoints = 100000;

using Settings = std::vector<std::pair<std::string, std::string>>;

// A Latin hypercube over the axes' value lists: each axis's values are cut into `count`
// equal strata, one pick per stratum, the picks shuffled independently per axis. Points that
// coincide (an axis shorter than `count`) are kept once.
std::vector<Settings> latin_hypercube(const SweepSpec& spec) {
  std::mt19937_64 rng(spec.sampling.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const size_t n = spec.sampling.count;
  std::vector<std::vector<size_t>> picks;
  for (const Axis& axis : spec.axes) {
    std::vector<size_t> column(n);
    for (size_t i = 0; i < n; ++i) {
      const double position = (static_cast<double>(i) + unit(rng)) / static_cast<double>(n);
      column[i] = std::min(axis.values.size() - 1,
                           static_cast<size_t>(position * static_cast<double>(axis.values.size())));
    }
    std::shuffle(column.begin(), column.end(), rng);
    picks.push_back(column);
  }
  std::vector<Settings> out;
  std::set<std::vector<size_t>> seen;
  for (size_t i = 0; i < n; ++i) {
    std::vector<size_t> index;
    Settings settings;
    for (size_t a = 0; a < spec.axes.size(); ++a) {
      index.push_back(picks[a][i]);
      settings.emplace_back(spec.axes[a].key, spec.axes[a].values[picks[a][i]]);
    }
    if (seen.insert(index).second) out.push_back(settings);
  }
  return out;
}

std::vector<Settings> apply_constraints(const SweepSpec& spec, std::vector<Settings> combos) {
  std::vector<Settings> kept;
  for (Settings& settings : combos) {
    bool ok = true;
    for (const Constraint& c : spec.constraints) {
      try {
        ok = ok && satisfies(c, settings);
      } catch (const std::invalid_argument& e) {
        throw core::InputError(spec.file + ": constraint '" + c.text + "': " + e.what());
      }
    }
    if (ok) kept.push_back(std::move(settings));
  }
  return kept;
}

// A seeded uniform subset, in the order the points would have run.
std::vector<Settings> random_subset(const SweepSpec& spec, std::vector<Settings> combos) {
  if (combos.size() <= spec.sampling.count) return combos;
  std::vector<size_t> order(combos.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(spec.sampling.seed);
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(spec.sampling.count);
  std::sort(order.begin(), order.end());
  std::vector<Settings> out;
  for (size_t i : order) out.push_back(std::move(combos[i]));
  return out;
}

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
  std::vector<Settings> combos;
  switch (spec.sampling.method) {
    case Sampling::Method::all:
      combos = apply_constraints(spec, combine_axes(spec));
      break;
    case Sampling::Method::random:
      combos = random_subset(spec, apply_constraints(spec, combine_axes(spec)));
      break;
    case Sampling::Method::lhs:
      combos = apply_constraints(spec, latin_hypercube(spec));
      break;
  }
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
