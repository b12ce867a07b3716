#include "reports/mem_bench_report.h"

#include <algorithm>
#include <cmath>

#include "models/core/error.h"
#include "models/core/units.h"
#include "reports/html_cells.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/report_style.h"
#include "reports/svg.h"

namespace axsim::reports {
namespace {

constexpr double kLeft = 84, kTop = 34, kPlotWidth = 560, kPlotHeight = 360;
constexpr double kWidth = kLeft + kPlotWidth + 24, kHeight = kTop + kPlotHeight + 48;

// The same pattern always gets the same colour, in the chart and in its legend.
const char* pattern_colour(const std::string& pattern) {
  if (pattern == "sequential_read") return kComputeColour;
  if (pattern == "sequential_write") return "#8fb1e0";
  if (pattern == "copy") return "#3a9b74";
  if (pattern == "strided_read") return kMemoryColour;
  if (pattern == "random_read") return "#7d6fa8";
  return kOtherColour;
}

bool flag_at(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_boolean()) {
    throw core::InputError("mem-bench results: " + where + " has no true/false '" + key + "'");
  }
  return it->get<bool>();
}

std::string load_text(const MemBenchPoint& p) {
  return p.saturation ? "saturation" : format_percent(p.offered_load);
}

double number_at(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) {
    throw core::InputError("mem-bench results: " + where + " has no number '" + key + "'");
  }
  return it->get<double>();
}

std::string text_at(const nlohmann::json& object, const std::string& key,
                    const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    throw core::InputError("mem-bench results: " + where + " has no text '" + key + "'");
  }
  return it->get<std::string>();
}

// Mean latency axis: log when the curve's knee makes latencies span more than a decade.
struct LatencyAxis {
  bool log = false;
  std::vector<double> ticks;
  double operator()(double v) const {
    const double low = ticks.front(), high = ticks.back();
    const double f = log ? (std::log10(v) - std::log10(low)) / (std::log10(high) - std::log10(low))
                         : (v - low) / (high - low);
    return kTop + kPlotHeight - f * kPlotHeight;
  }
};

LatencyAxis latency_axis(const MemBenchView& view) {
  double low = 0, high = 0;
  for (const auto& s : view.series) {
    for (const auto& p : s.points) {
      low = low == 0 ? p.latency_mean_s : std::min(low, p.latency_mean_s);
      high = std::max(high, p.latency_mean_s);
    }
  }
  if (low > 0 && high / low > 10) return {true, decade_ticks(low, high)};
  return {false, linear_ticks(high > 0 ? high : 1e-9)};
}

std::string point_tooltip(const std::string& pattern, const MemBenchPoint& p, double peak) {
  return pattern +
         (p.saturation ? ", every request at once: "
                       : ", offered " + format_percent(p.offered_load) + " of peak: ") +
         core::format_bandwidth(core::bytes_per_second(p.bandwidth_bytes_per_s)) + " (" +
         format_share(p.bandwidth_bytes_per_s, peak) + " of peak), mean latency " +
         core::format_time(core::seconds(p.latency_mean_s)) + ", p99 " +
         core::format_time(core::seconds(p.latency_p99_s)) + ", row hits " +
         format_percent(p.row_hit_rate);
}

std::string points_table(const MemBenchView& view) {
  std::string out =
      "<table class=\"layers sortable\" id=\"points\">\n<thead><tr><th>pattern</th>"
      "<th data-type=\"num\" class=\"num\">offered load</th><th data-type=\"num\" class=\"num\">"
      "offered</th><th data-type=\"num\" class=\"num\">bandwidth</th><th data-type=\"num\" "
      "class=\"num\">of peak</th><th data-type=\"num\" class=\"num\">mean latency</th>"
      "<th data-type=\"num\" class=\"num\">p99 latency</th><th data-type=\"num\" class=\"num\">"
      "row hits</th></tr></thead>\n<tbody>\n";
  for (const auto& s : view.series) {
    for (const auto& p : s.points) {
      out += "<tr>" + text_cell(s.pattern) +
             // Saturation sorts above every offered load.
             number_cell(p.saturation ? 1e9 : p.offered_load, load_text(p)) +
             number_cell(p.offered_bytes_per_s,
                         core::format_bandwidth(core::bytes_per_second(p.offered_bytes_per_s))) +
             number_cell(p.bandwidth_bytes_per_s,
                         core::format_bandwidth(core::bytes_per_second(p.bandwidth_bytes_per_s))) +
             number_cell(p.bandwidth_bytes_per_s / view.peak_bytes_per_s,
                         format_share(p.bandwidth_bytes_per_s, view.peak_bytes_per_s)) +
             number_cell(p.latency_mean_s, core::format_time(core::seconds(p.latency_mean_s))) +
             number_cell(p.latency_p99_s, core::format_time(core::seconds(p.latency_p99_s))) +
             number_cell(p.row_hit_rate, format_percent(p.row_hit_rate)) + "</tr>\n";
    }
  }
  return out + "</tbody>\n</table>\n";
}

std::string meta_item(const std::string& key, const std::string& value) {
  return "<span>" + escape_html(key) + " <b>" + escape_html(value) + "</b></span>";
}

}  // namespace

MemBenchView mem_bench_view(const nlohmann::json& document) {
  if (!document.is_object() || !document.contains("memory") || !document["memory"].is_object()) {
    throw core::InputError("mem-bench results: no 'memory' object");
  }
  const nlohmann::json& memory = document["memory"];
  MemBenchView view;
  view.name = text_at(memory, "name", "memory");
  view.standard = text_at(memory, "standard", "memory");
  view.file = text_at(memory, "file", "memory");
  view.peak_bytes_per_s = number_at(memory, "peak_bandwidth_bytes_per_s", "memory");
  view.capacity_bytes = number_at(memory, "capacity_bytes", "memory");
  view.unloaded_read_latency_s = number_at(memory, "unloaded_read_latency_s", "memory");
  if (!(view.peak_bytes_per_s > 0))
    throw core::InputError("mem-bench results: peak bandwidth is not positive");
  if (!document.contains("rows") || !document["rows"].is_array()) {
    throw core::InputError("mem-bench results: no 'rows' list");
  }
  std::size_t index = 0;
  for (const nlohmann::json& row : document["rows"]) {
    const std::string where = "rows[" + std::to_string(index++) + "]";
    if (!row.is_object())
      throw core::InputError("mem-bench results: " + where + " is not an object");
    const std::string pattern = text_at(row, "pattern", where);
    MemBenchPoint p;
    p.saturation = flag_at(row, "saturation", where);
    p.offered_load = number_at(row, "offered_load", where);
    p.offered_bytes_per_s = number_at(row, "offered_bytes_per_s", where);
    p.bandwidth_bytes_per_s = number_at(row, "bandwidth_bytes_per_s", where);
    p.latency_mean_s = number_at(row, "latency_mean_s", where);
    p.latency_p99_s = number_at(row, "latency_p99_s", where);
    p.row_hit_rate = number_at(row, "row_hit_rate", where);
    auto it = std::find_if(view.series.begin(), view.series.end(),
                           [&](const MemBenchSeries& s) { return s.pattern == pattern; });
    if (it == view.series.end()) it = view.series.insert(view.series.end(), {pattern, {}});
    it->points.push_back(p);
  }
  return view;
}

std::string render_mem_bench_chart(const MemBenchView& view, const std::string& id) {
  double x_max = view.peak_bytes_per_s;
  for (const auto& s : view.series) {
    for (const auto& p : s.points) x_max = std::max(x_max, p.bandwidth_bytes_per_s);
  }
  const std::vector<double> x_ticks = linear_ticks(x_max);
  const auto x = [&](double v) { return kLeft + v / x_ticks.back() * kPlotWidth; };
  const LatencyAxis y = latency_axis(view);

  std::string out = svg_open(id, kWidth, kHeight, "Bandwidth against latency per access pattern");
  double lx = kLeft;
  for (const auto& s : view.series)
    lx = svg_legend_item(out, lx, 16, pattern_colour(s.pattern), s.pattern);

  for (const double t : x_ticks) {
    out += svg_line(x(t), kTop, x(t), kTop + kPlotHeight, "grid");
    out += svg_text(x(t), kTop + kPlotHeight + 17, svg_number(t / 1e9, t < 1e9 ? 2 : 0), "middle");
  }
  for (const double t : y.ticks) {
    out += svg_line(kLeft, y(t), kLeft + kPlotWidth, y(t), "grid");
    out += svg_text(kLeft - 6, y(t) + 4, core::format_time(core::seconds(t)), "end");
  }
  out += "<rect class=\"frame\" x=\"" + svg_number(kLeft) + "\" y=\"" + svg_number(kTop) +
         "\" width=\"" + svg_number(kPlotWidth) + "\" height=\"" + svg_number(kPlotHeight) +
         "\"/>\n";
  out += svg_text(kLeft + kPlotWidth / 2, kTop + kPlotHeight + 38, "achieved bandwidth (GB/s)",
                  "middle", "axis-label");
  out += svg_vertical_text(18, kTop + kPlotHeight / 2,
                           std::string("mean latency") + (y.log ? " (log scale)" : ""));
  out += svg_line(x(view.peak_bytes_per_s), kTop, x(view.peak_bytes_per_s), kTop + kPlotHeight,
                  "ridge");
  out += svg_text(x(view.peak_bytes_per_s) - 4, kTop + 14,
                  "peak " + core::format_bandwidth(core::bytes_per_second(view.peak_bytes_per_s)),
                  "end", "roof-label");

  for (const auto& s : view.series) {
    const char* colour = pattern_colour(s.pattern);
    out += "<polyline class=\"curve\" fill=\"none\" stroke=\"" + std::string(colour) +
           "\" stroke-width=\"2\" points=\"";
    for (const auto& p : s.points) {
      out += svg_number(x(p.bandwidth_bytes_per_s)) + "," + svg_number(y(p.latency_mean_s)) + " ";
    }
    out += "\"/>\n<g class=\"points\">\n";
    for (const auto& p : s.points) {
      out += "<circle cx=\"" + svg_number(x(p.bandwidth_bytes_per_s)) + "\" cy=\"" +
             svg_number(y(p.latency_mean_s)) + "\" r=\"4\" fill=\"" + colour + "\"><title>" +
             escape_html(point_tooltip(s.pattern, p, view.peak_bytes_per_s)) +
             "</title></circle>\n";
    }
    out += "</g>\n";
  }
  return out + "</svg>\n";
}

std::string render_mem_bench_page(const MemBenchView& view) {
  const std::string title = "axsim mem-bench: " + view.name;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" +
      escape_html(title) + "</title>\n<style>" + report_css() +
      "</style>\n</head>\n<body>\n<main>\n<h1>" + escape_html(title) + "</h1>\n";
  out +=
      "<div class=\"meta\">" + meta_item("standard", view.standard) +
      meta_item("peak", core::format_bandwidth(core::bytes_per_second(view.peak_bytes_per_s))) +
      meta_item("unloaded read", core::format_time(core::seconds(view.unloaded_read_latency_s))) +
      meta_item("capacity", core::format_bytes(core::bytes(view.capacity_bytes))) +
      meta_item("preset", view.file) + "</div>\n";
  out +=
      "<p class=\"note\">Each curve raises the offered load of one access pattern through the "
      "detailed model; a point is the bandwidth the memory delivered and the mean latency of a "
      "request at that load, and the last point of a curve offers every request at once. "
      "Latency stays near its unloaded value until the pattern's own limit (row misses, bank "
      "conflicts, refresh, bus turnarounds) is reached, then climbs as queues fill. Hover a "
      "point for its p99 and row-hit rate.</p>\n";
  out += "<div class=\"chart\">" + render_mem_bench_chart(view, "bandwidth-latency") + "</div>\n";
  out += "<h2>Points</h2>\n<div class=\"scroll\">" + points_table(view) + "</div>\n";
  out +=
      "<footer>Written by axsim mem-bench from bandwidth_latency.json. Times are "
      "simulated.</footer>\n";
  return out + "</main>\n<script>" + report_script() + "</script>\n</body>\n</html>\n";
}

}  // namespace axsim::reports
