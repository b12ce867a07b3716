#include "regress/compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace axsim::regress {

namespace {

size_t table_rank(const std::string& metric) {
  const std::vector<std::string>& keys = tolerance_keys();
  return static_cast<size_t>(std::find(keys.begin(), keys.end(), tolerance_key_of(metric)) -
                             keys.begin());
}

std::vector<std::string> metrics_in_table_order(const Snapshot& golden, const Snapshot& now) {
  std::set<std::string> names;
  for (const auto& entry : golden.metrics) names.insert(entry.first);
  for (const auto& entry : now.metrics) names.insert(entry.first);
  std::vector<std::string> out(names.begin(), names.end());
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return table_rank(a) < table_rank(b);
  });
  return out;
}

std::optional<double> find(const std::map<std::string, double>& metrics, const std::string& name) {
  const auto it = metrics.find(name);
  if (it == metrics.end()) return std::nullopt;
  return it->second;
}

Check metric_check(const std::string& metric, std::optional<double> golden,
                   std::optional<double> now, double tolerance) {
  Check check{metric, golden, now, 0, tolerance, true, ""};
  if (!golden || !now) {
    check.pass = false;
    check.note = golden ? "no longer reported" : "not in the golden file";
    return check;
  }
  check.change = relative_change(*golden, *now);
  check.pass = std::fabs(check.change) <= tolerance;  // false for NaN
  return check;
}

std::string describe(const LayerSnapshot& layer) {
  return "'" + layer.name + "' (" + layer.op + ")";
}

// Empty when the lists have the same names and ops in the same order.
std::string layer_list_difference(const std::vector<LayerSnapshot>& golden,
                                  const std::vector<LayerSnapshot>& now) {
  const size_t common = std::min(golden.size(), now.size());
  for (size_t i = 0; i < common; ++i) {
    if (golden[i].name != now[i].name || golden[i].op != now[i].op) {
      return "layer " + std::to_string(i) + ": golden " + describe(golden[i]) + ", now " +
             describe(now[i]);
    }
  }
  if (golden.size() > common)
    return "missing from layer " + std::to_string(common) + " on: " + describe(golden[common]);
  if (now.size() > common)
    return "new from layer " + std::to_string(common) + " on: " + describe(now[common]);
  return "";
}

Check worst_layer(const std::vector<LayerSnapshot>& golden, const std::vector<LayerSnapshot>& now,
                  double tolerance) {
  size_t worst = 0;
  double worst_change = 0;
  for (size_t i = 0; i < golden.size(); ++i) {
    const double change = relative_change(golden[i].latency_s, now[i].latency_s);
    if (std::isnan(change) || std::fabs(change) > std::fabs(worst_change)) {
      worst = i;
      worst_change = change;
      if (std::isnan(change)) break;
    }
  }
  Check check =
      metric_check("layer latency_s", golden[worst].latency_s, now[worst].latency_s, tolerance);
  check.note = "worst of " + std::to_string(golden.size()) + ": " + golden[worst].name;
  return check;
}

}  // namespace

double relative_change(double golden, double now) {
  if (golden == now) return 0;
  if (golden == 0) {
    return now > 0 ? std::numeric_limits<double>::infinity()
                   : -std::numeric_limits<double>::infinity();
  }
  return (now - golden) / std::fabs(golden);
}

std::vector<Check> compare(const Snapshot& golden, const Snapshot& now,
                           const Tolerances& tolerances) {
  std::vector<Check> out;
  for (const std::string& metric : metrics_in_table_order(golden, now)) {
    out.push_back(metric_check(metric, find(golden.metrics, metric), find(now.metrics, metric),
                               tolerances.of(tolerance_key_of(metric))));
  }
  Check list{"layers",
             static_cast<double>(golden.layers.size()),
             static_cast<double>(now.layers.size()),
             0,
             0,
             true,
             layer_list_difference(golden.layers, now.layers)};
  list.pass = list.note.empty();
  list.change = relative_change(*list.golden, *list.now);
  if (list.pass) list.note = "names and ops identical";
  out.push_back(list);
  if (list.pass && !golden.layers.empty()) {
    out.push_back(worst_layer(golden.layers, now.layers, tolerances.of("layers")));
  }
  return out;
}

Check missing_golden(const std::string& golden_path, const std::string& suite_file) {
  Check check;
  check.metric = "golden";
  check.pass = false;
  check.note = "no golden file '" + golden_path + "'; create it with: axsim regress " + suite_file +
               " --update";
  return check;
}

Check run_failed(const std::string& error) {
  Check check;
  check.metric = "run";
  check.pass = false;
  check.note = "axsim run failed: " + error;
  return check;
}

bool all_pass(const std::vector<Check>& checks) {
  return std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.pass; });
}

}  // namespace axsim::regress
