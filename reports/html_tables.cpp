#include "reports/html_tables.h"

#include <functional>
#include <set>

#include "models/core/units.h"
#include "reports/html_cells.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"

namespace axsim::reports {

namespace {

using core::format_bytes;
using core::format_energy;
using core::format_time;

std::string row(const std::string& key, const std::string& value_html) {
  return "<tr><th scope=\"row\">" + escape_html(key) + "</th><td>" + value_html + "</td></tr>\n";
}

std::string time_split(double compute_s, double memory_s, double other_s, double latency_s) {
  return "<span class=\"c-compute\">" + format_share(compute_s, latency_s) +
         " compute</span> · <span class=\"c-memory\">" + format_share(memory_s, latency_s) +
         " memory stall</span> · <span class=\"c-other\">" + format_share(other_s, latency_s) +
         " other</span>";
}

std::string throughput(const ResultView& r) {
  return svg_number(r.inferences_per_s, r.inferences_per_s < 100 ? 2 : 0) +
         " inferences/s (batch " + svg_number(r.batch, 0) + ")";
}

}  // namespace

std::string headline_table(const ResultView& r) {
  std::string out = "<table class=\"headline\">\n";
  out += row("latency", escape_html(format_time(core::seconds(r.latency_s))) + " <span class=\"dim\">(" +
                            svg_number(r.cycles, 0) + " cycles at " +
                            escape_html(core::format_frequency(core::hertz(r.clock_hz))) +
                            ")</span>");
  out += row("where the time goes", time_split(r.compute_s, r.memory_s, r.other_s, r.latency_s));
  out += row("throughput", escape_html(throughput(r)));
  out += row("achieved / peak", escape_html(format_ops_rate(r.achieved_ops_per_s) + " / " +
                                            format_ops_rate(r.peak_ops_per_s)));
  out += row("utilisation", escape_html(format_percent(r.utilization)));
  out += row("MACs", escape_html(format_count(r.macs)));
  out += row("energy", escape_html(format_energy(core::joules(r.energy_j))) +
                           " <span class=\"dim\">(" +
                           escape_html(format_energy(core::joules(r.energy_j / r.batch))) +
                           " per inference)</span>");
  out += row("average power", escape_html(core::format_power(core::watts(r.average_power_w))));
  for (const auto& [level, bytes] : r.bytes) {
    out += row("bytes: " + level, escape_html(format_bytes(core::bytes(bytes))));
  }
  if (r.dram_bandwidth_peak > 0) {
    out += row("DRAM bandwidth used / peak",
               escape_html(core::format_bandwidth(core::bytes_per_second(r.dram_bandwidth_achieved)) +
                           " / " +
                           core::format_bandwidth(core::bytes_per_second(r.dram_bandwidth_peak))));
  }
  return out + "</table>\n";
}

std::string layer_table(const ResultView& r, const std::string& id) {
  std::string out = "<table class=\"layers sortable\" id=\"" + escape_html(id) + "\">\n<thead><tr>";
  const char* const numeric[] = {"latency", "share", "compute", "memory", "other", "MACs",
                                 "util", "DRAM bytes", "energy"};
  out += "<th data-type=\"num\">#</th><th>name</th><th>op</th><th>unit</th>";
  for (const char* header : numeric) {
    out += std::string("<th data-type=\"num\" class=\"num\">") + header + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < r.layers.size(); ++i) {
    const LayerView& l = r.layers[i];
    const double share = r.latency_s > 0 ? l.latency_s / r.latency_s : 0;
    auto fraction = [&l](double part) { return l.latency_s > 0 ? part / l.latency_s : 0; };
    out += "<tr>" + number_cell(static_cast<double>(i), std::to_string(i)) + text_cell(l.name) +
           text_cell(l.op) + text_cell(l.unit) +
           number_cell(l.latency_s, format_time(core::seconds(l.latency_s))) +
           number_cell(share, format_percent(share)) +
           number_cell(fraction(l.compute_s), format_percent(fraction(l.compute_s))) +
           number_cell(fraction(l.memory_s), format_percent(fraction(l.memory_s))) +
           number_cell(fraction(l.other_s), format_percent(fraction(l.other_s))) +
           number_cell(l.macs, format_count(l.macs)) +
           number_cell(l.utilization, l.unit == "array" ? format_percent(l.utilization) : "") +
           number_cell(l.dram_bytes, format_bytes(core::bytes(l.dram_bytes))) +
           number_cell(l.energy_j, format_energy(core::joules(l.energy_j))) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string comparison_table(const std::vector<ResultView>& results) {
  // ratio, when set, gives the number each later column is compared with the first on.
  struct Row {
    std::string label;
    std::function<std::string(const ResultView&)> text;
    std::function<double(const ResultView&)> ratio;
  };
  std::set<std::string> levels;
  for (const auto& r : results) {
    for (const auto& [level, bytes] : r.bytes) levels.insert(level);
  }
  std::vector<Row> rows = {
      {"trace", [](const ResultView& r) { return r.trace_name; }, nullptr},
      {"config", [](const ResultView& r) { return r.config_name + " (" + r.kind + ")"; }, nullptr},
      {"latency", [](const ResultView& r) { return format_time(core::seconds(r.latency_s)); },
       [](const ResultView& r) { return r.latency_s; }},
      {"throughput", throughput, [](const ResultView& r) { return r.inferences_per_s; }},
      {"achieved ops/s", [](const ResultView& r) { return format_ops_rate(r.achieved_ops_per_s); },
       [](const ResultView& r) { return r.achieved_ops_per_s; }},
      {"peak ops/s", [](const ResultView& r) { return format_ops_rate(r.peak_ops_per_s); },
       nullptr},
      {"utilisation", [](const ResultView& r) { return format_percent(r.utilization); }, nullptr},
      {"compute", [](const ResultView& r) { return format_share(r.compute_s, r.latency_s); },
       nullptr},
      {"memory stall", [](const ResultView& r) { return format_share(r.memory_s, r.latency_s); },
       nullptr},
      {"other", [](const ResultView& r) { return format_share(r.other_s, r.latency_s); }, nullptr},
      {"energy / inference",
       [](const ResultView& r) { return format_energy(core::joules(r.energy_j / r.batch)); },
       [](const ResultView& r) { return r.energy_j / r.batch; }},
      {"average power",
       [](const ResultView& r) { return core::format_power(core::watts(r.average_power_w)); },
       nullptr},
  };
  for (const auto& level : levels) {
    const auto bytes_at = [level](const ResultView& r) {
      const auto it = r.bytes.find(level);
      return it == r.bytes.end() ? 0.0 : it->second;
    };
    rows.push_back({"bytes: " + level,
                    [bytes_at](const ResultView& r) { return format_bytes(core::bytes(bytes_at(r))); },
                    bytes_at});
  }
  rows.push_back({"config hash", [](const ResultView& r) { return r.config_hash; }, nullptr});

  std::string out = "<table class=\"comparison\" id=\"comparison\">\n<thead><tr><th></th>";
  for (std::size_t i = 0; i < results.size(); ++i) {
    out += "<th><a href=\"#result-" + std::to_string(i) + "\">" +
           escape_html(std::to_string(i + 1) + ". " + results[i].title()) + "</a></th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row_spec : rows) {
    out += "<tr><th scope=\"row\">" + escape_html(row_spec.label) + "</th>";
    for (std::size_t i = 0; i < results.size(); ++i) {
      out += "<td>" + escape_html(row_spec.text(results[i]));
      const double base = row_spec.ratio ? row_spec.ratio(results.front()) : 0;
      if (i > 0 && base > 0) {
        out += " <span class=\"dim\">×" + svg_number(row_spec.ratio(results[i]) / base, 2) +
               "</span>";
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n<p class=\"note\">× is each result relative to the first.</p>\n";
}

}  // namespace axsim::reports
