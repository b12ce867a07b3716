#include "sweep/sweep_spec.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "models/core/config.h"
#include "models/core/error.h"

namespace axsim::sweep {

namespace {

std::string resolve(const std::string& spec_file, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  if (p.is_absolute()) return p.string();
  return (fs::path(spec_file).parent_path() / p).lexically_normal().string();
}

std::vector<std::string> paths(const core::Section& top, const std::string& key,
                               const std::string& spec_file) {
  const core::ConfigNode& node = top.child(key);
  if (!node.is_sequence() || node.items().empty()) top.fail(key, "expected a non-empty list of paths");
  std::vector<std::string> out;
  for (const core::ConfigNode& item : node.items()) {
    if (!item.is_scalar()) throw core::InputError(item.location(), item.path(), "expected a path");
    const std::string path = resolve(spec_file, item.scalar());
    if (!std::filesystem::exists(path)) {
      throw core::InputError(item.location(), item.path(), "no such file '" + path + "'");
    }
    out.push_back(path);
  }
  return out;
}

// Numbers print without trailing zeros so that integer keys get integers ("64", not "64.0").
std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

std::vector<std::string> range_values(const core::Section& range) {
  const double from = range.number("from");
  const double to = range.number("to");
  const std::string unit = range.string_or("unit", "");
  const std::string suffix = unit.empty() ? "" : " " + unit;
  std::vector<std::string> out;
  if (range.has("step")) {
    const double step = range.number("step");
    if (!(step > 0) || !(to >= from)) range.fail("step", "need step > 0 and to >= from");
    if ((to - from) / step > 100000) range.fail("step", "more than 100,000 values");
    for (double v = from; v <= to + step * 1e-9; v += step) out.push_back(number_text(v) + suffix);
  } else {
    const int64_t count = range.positive_integer("count");
    if (count > 100000) range.fail("count", "more than 100,000 values");
    const bool log = range.boolean_or("log", false);
    if (log && !(from > 0 && to > 0)) range.fail("log", "a log range needs from > 0 and to > 0");
    for (int64_t i = 0; i < count; ++i) {
      const double t = count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
      const double v = log ? from * std::pow(to / from, t) : from + (to - from) * t;
      out.push_back(number_text(v) + suffix);
    }
  }
  range.finish();
  return out;
}

Axis read_axis(const core::Section& axes, const std::string& key) {
  Axis axis;
  axis.key = key;
  const core::ConfigNode& node = axes.child(key);
  auto from_list = [&](const core::ConfigNode& list) {
    for (const core::ConfigNode& item : list.items()) {
      if (!item.is_scalar()) throw core::InputError(item.location(), item.path(), "expected a value");
      axis.values.push_back(item.scalar());
    }
  };
  if (node.is_sequence()) {
    from_list(node);
  } else if (node.is_map()) {
    const core::Section spec(node);
    if (spec.has("values")) {
      from_list(spec.child("values"));
      spec.finish();
    } else {
      axis.values = range_values(spec);
    }
  } else {
    axes.fail(key, "expected a list of values or {values|from/to/step|from/to/count}");
  }
  if (axis.values.empty()) axes.fail(key, "an axis needs at least one value");
  return axis;
}

}  // namespace

const std::vector<std::string>& objective_keys() {
  static const std::vector<std::string> keys = {
      "latency_s", "energy_j", "average_power_w", "cycles", "memory_s",
      // the compute provisioned: a stand-in for silicon cost until models report area
      "peak_ops_per_s",
      // maximised quantities are offered negated, so every objective is minimised
      "neg_inferences_per_s", "neg_utilization",
      // CIM results' details.metrics: the worst sampled layer's ADC SQNR in dB (higher is
      // better)
      "neg_min_sqnr_db"};
  return keys;
}

SweepSpec load_sweep_spec(const std::string& path) {
  const core::ConfigNode root = core::load_config_file(path);
  const core::Section top(root);
  SweepSpec spec;
  spec.file = path;
  spec.name = top.string("name");
  spec.configs = paths(top, "configs", path);
  spec.workloads = paths(top, "workloads", path);
  spec.combine = top.choice_or("combine", {"product", "zip"}, "product") == "zip"
                     ? Combine::zip
                     : Combine::product;
  const core::Section axes = top.section("axes");
  for (const std::string& key : axes.node().keys()) spec.axes.push_back(read_axis(axes, key));
  axes.finish();
  if (spec.combine == Combine::zip) {
    for (const Axis& axis : spec.axes) {
      if (axis.values.size() != spec.axes.front().values.size()) {
        top.fail("combine", "zip needs axes of equal length ('" + axis.key + "' has " +
                                std::to_string(axis.values.size()) + ", '" +
                                spec.axes.front().key + "' has " +
                                std::to_string(spec.axes.front().values.size()) + ")");
      }
    }
  }
  if (top.has("constraints")) {
    std::vector<std::string> keys;
    for (const Axis& axis : spec.axes) keys.push_back(axis.key);
    for (const core::ConfigNode& item : top.child("constraints").items()) {
      try {
        spec.constraints.push_back(parse_constraint(item.scalar(), keys));
      } catch (const std::invalid_argument& e) {
        throw core::InputError(item.location(), item.path(), e.what());
      }
    }
  }
  if (top.has("sample")) {
    const core::Section sample = top.section("sample");
    spec.sampling.method = sample.choice("method", {"random", "lhs"}) == "lhs"
                               ? Sampling::Method::lhs
                               : Sampling::Method::random;
    spec.sampling.count = static_cast<size_t>(sample.positive_integer("count"));
    spec.sampling.seed = static_cast<uint64_t>(sample.integer_or("seed", 1));
    if (spec.combine == Combine::zip) sample.fail("method", "sampling needs combine: product");
    sample.finish();
  }
  if (top.has("objectives")) {
    for (const core::ConfigNode& item : top.child("objectives").items()) {
      bool known = false;
      for (const std::string& k : objective_keys()) known |= item.scalar() == k;
      if (!known) {
        std::string list;
        for (const std::string& k : objective_keys()) list += (list.empty() ? "" : ", ") + k;
        throw core::InputError(item.location(), item.path(),
                               "unknown objective '" + item.scalar() + "' (known: " + list + ")");
      }
      spec.objectives.push_back(item.scalar());
    }
  } else {
    spec.objectives = {"latency_s", "energy_j"};
  }
  if (top.has("slurm")) spec.slurm = read_slurm_settings(top.section("slurm"));
  top.finish();
  return spec;
}

}  // namespace axsim::sweep
