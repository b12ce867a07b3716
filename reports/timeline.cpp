#include "reports/timeline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "models/core/error.h"
#include "reports/result_view.h"

namespace axsim::reports {

namespace {

using nlohmann::json;

// Perfetto names a counter track "<name> <arg key>" and chrome://tracing shows the name with
// the arg key as the series, so the unit goes in the key: both read "DRAM bandwidth (GB/s)".
constexpr const char* kDramCounter = "DRAM bandwidth";
constexpr const char* kDramSeries = "(GB/s)";
constexpr const char* kStallCounter = "Memory stall share";
constexpr const char* kStallSeries = "(%)";

// A layer on its unit's track, in whole nanoseconds: the resolution Perfetto keeps.
struct Slice {
  std::size_t layer = 0;
  int tid = 0;
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
};

std::int64_t to_ns(double seconds) { return std::llround(seconds * 1e9); }

json metadata(const char* name, int pid, int tid, json args) {
  return {{"ph", "M"}, {"name", name}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}};
}

json counter(const char* name, const char* series, int pid, int tid, std::int64_t ns,
             double value) {
  return {{"ph", "C"},
          {"name", name},
          {"pid", pid},
          {"tid", tid},
          {"ts", trace_microseconds(ns)},
          {"args", {{series, value}}}};
}

// Shape-only layers take no time; they keep a track of their own so that they can still be
// found by name, as zero-length slices.
std::string track_name(const std::string& unit) {
  return unit == "none" ? "none (shape-only layers)" : unit;
}

// Tracks in the order their units first ran a layer: tid 1, 2, ...
std::vector<std::string> units_in_order(const std::vector<LayerView>& layers) {
  std::vector<std::string> units;
  for (const auto& layer : layers) {
    if (std::find(units.begin(), units.end(), layer.unit) == units.end()) {
      units.push_back(layer.unit);
    }
  }
  return units;
}

// Slices in start order. A unit runs one layer at a time, so a slice that would begin before
// the previous one on its track ended (rounding to nanoseconds) begins where that one ended:
// viewers nest overlapping slices on a thread as if one had called the other.
std::vector<Slice> place_slices(const std::vector<LayerView>& views, const json& layers,
                                const std::vector<std::string>& units) {
  std::vector<double> start_s;
  for (const json& layer : layers) start_s.push_back(layer.at("start_s").get<double>());
  std::vector<std::size_t> order(views.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return start_s[a] < start_s[b]; });

  std::vector<std::int64_t> track_end_ns(units.size(), std::numeric_limits<std::int64_t>::min());
  std::vector<Slice> slices;
  for (const std::size_t i : order) {
    Slice s;
    s.layer = i;
    const auto track = static_cast<std::size_t>(
        std::find(units.begin(), units.end(), views[i].unit) - units.begin());
    s.tid = static_cast<int>(track) + 1;
    s.start_ns = std::max(to_ns(start_s[i]), track_end_ns[track]);
    s.end_ns = std::max(to_ns(start_s[i] + views[i].latency_s), s.start_ns);
    track_end_ns[track] = s.end_ns;
    slices.push_back(s);
  }
  return slices;
}

json layer_event(const LayerView& l, const Slice& s, const json& layer, int pid) {
  const json& bytes = layer.at("bytes");
  return {{"ph", "X"},
          {"name", l.name},
          {"cat", l.op},
          {"pid", pid},
          {"tid", s.tid},
          {"ts", trace_microseconds(s.start_ns)},
          {"dur", trace_microseconds(s.end_ns - s.start_ns)},
          {"args",
           {{"layer", s.layer},
            {"op", l.op},
            {"unit", l.unit},
            {"macs", l.macs},
            {"vector_ops", layer.at("vector_ops").get<double>()},
            {"compute_us", l.compute_s * 1e6},
            {"memory_us", l.memory_s * 1e6},
            {"other_us", l.other_s * 1e6},
            {"utilization", l.utilization},
            {"dram_bytes", bytes.contains("dram") ? bytes.at("dram").get<double>() : 0.0},
            {"energy_j", l.energy_j}}}};
}

void append_result(const json& result, int pid, std::vector<json>& events) {
  const ResultView r = view_of(result);
  const json& layers = result.at("layers");
  const std::vector<std::string> units = units_in_order(r.layers);

  events.push_back(metadata("process_name", pid, 0, {{"name", r.title()}}));
  events.push_back(metadata("process_sort_index", pid, 0, {{"sort_index", pid}}));
  for (std::size_t t = 0; t < units.size(); ++t) {
    const int tid = static_cast<int>(t) + 1;
    events.push_back(metadata("thread_name", pid, tid, {{"name", track_name(units[t])}}));
    events.push_back(metadata("thread_sort_index", pid, tid, {{"sort_index", tid}}));
  }

  std::int64_t last_end_ns = 0;
  int last_tid = 1;
  for (const Slice& s : place_slices(r.layers, layers, units)) {
    const LayerView& l = r.layers[s.layer];
    events.push_back(layer_event(l, s, layers[s.layer], pid));
    // A zero-length layer has no rate; its counters would only overwrite the next layer's.
    if (l.latency_s <= 0 || s.end_ns == s.start_ns) continue;
    events.push_back(counter(kDramCounter, kDramSeries, pid, s.tid, s.start_ns,
                             l.dram_bytes / l.latency_s / 1e9));
    events.push_back(counter(kStallCounter, kStallSeries, pid, s.tid, s.start_ns,
                             100.0 * l.memory_s / l.latency_s));
    if (s.end_ns >= last_end_ns) {
      last_end_ns = s.end_ns;
      last_tid = s.tid;
    }
  }
  // Counters hold their value until the next sample: drop both to 0 when the last layer ends.
  if (last_end_ns > 0) {
    events.push_back(counter(kDramCounter, kDramSeries, pid, last_tid, last_end_ns, 0.0));
    events.push_back(counter(kStallCounter, kStallSeries, pid, last_tid, last_end_ns, 0.0));
  }
}

}  // namespace

double trace_microseconds(std::int64_t ns) {
  double us = static_cast<double>(ns) / 1000.0;
  while (static_cast<std::int64_t>(us * 1000.0) < ns) {
    us = std::nextafter(us, std::numeric_limits<double>::infinity());
  }
  return us;
}

std::string render_timeline(const std::vector<nlohmann::json>& results) {
  std::vector<json> events;
  for (std::size_t i = 0; i < results.size(); ++i) {
    try {
      append_result(results[i], static_cast<int>(i) + 1, events);
    } catch (const json::exception& e) {
      throw core::InputError("result " + std::to_string(i + 1) +
                             ": incomplete axsim result: " + e.what());
    }
  }
  // One event per line: the file stays diffable and greppable, and still one JSON object.
  std::string out = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    out += (i == 0 ? "\n" : ",\n") + events[i].dump();
  }
  return out + "\n]}\n";
}

}  // namespace axsim::reports
