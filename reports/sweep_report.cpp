#include "reports/sweep_report.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "models/core/error.h"
#include "reports/html_cells.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/report_style.h"

namespace axsim::reports {

namespace {

// The summary values every point's row shows, after its settings.
const std::pair<const char*, const char*> kColumns[] = {{"latency", "latency_s"},
                                                        {"throughput", "inferences_per_s"},
                                                        {"energy", "energy_j"},
                                                        {"power", "average_power_w"},
                                                        {"utilisation", "utilization"}};

// An axis value counts by the number it starts with ("34 GB/s" is 34), as in sweep
// constraints, so that 128 sorts after 64.
bool leading_number(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end != text.c_str();
}

// A sweep where nothing finished still gets its page of failures; otherwise a key no point
// has is a typo.
void check_key(const SweepView& sweep, const std::string& key) {
  bool finished = false;
  for (const SweepPoint& p : sweep.points) {
    if (p.has_result() && summary_value(p.summary, key)) return;
    finished = finished || p.has_result();
  }
  if (!finished) return;
  std::string known;
  for (const SweepPoint& p : sweep.points) {
    if (!p.has_result() || !p.summary.is_object()) continue;
    for (const auto& [name, value] : p.summary.items()) {
      if (value.is_number()) known += (known.empty() ? "" : ", ") + name;
    }
    break;
  }
  throw core::InputError("summary key '" + key + "' is in no finished point of the sweep" +
                         (known.empty() ? "" : " (numbers in a summary: " + known + ", memory_s)"));
}

std::string points_table(const std::vector<const SweepPoint*>& points, const std::string& id) {
  std::set<std::string> axes;
  for (const SweepPoint* p : points) {
    for (const auto& [key, value] : p->settings) axes.insert(key);
  }
  std::map<std::string, bool> numeric_axis;
  for (const std::string& axis : axes) {
    bool numeric = true;
    for (const SweepPoint* p : points) {
      double v = 0;
      const auto it = p->settings.find(axis);
      numeric = numeric && it != p->settings.end() && leading_number(it->second, v);
    }
    numeric_axis[axis] = numeric;
  }
  std::string out = "<table class=\"layers sortable\" id=\"" + escape_html(id) +
                    "\">\n<thead><tr><th data-type=\"num\">#</th>";
  for (const std::string& axis : axes) {
    out += std::string("<th") + (numeric_axis[axis] ? " data-type=\"num\"" : "") + " title=\"" +
           escape_html(axis) + "\">" + escape_html(axis.substr(axis.rfind('.') + 1)) + "</th>";
  }
  for (const auto& [header, key] : kColumns) {
    out += std::string("<th data-type=\"num\" class=\"num\">") + header + "</th>";
  }
  out += "<th>pareto</th></tr></thead>\n<tbody>\n";
  for (const SweepPoint* p : points) {
    out += "<tr>" + number_cell(p->index, std::to_string(p->index));
    for (const std::string& axis : axes) {
      const auto it = p->settings.find(axis);
      const std::string value = it == p->settings.end() ? "" : it->second;
      double v = 0;
      out += numeric_axis[axis] && leading_number(value, v) ? number_cell(v, value)
                                                             : text_cell(value);
    }
    for (const auto& [header, key] : kColumns) {
      const auto v = summary_value(p->summary, key);
      out += v ? number_cell(*v, format_summary_value(key, *v)) : text_cell("");
    }
    out += text_cell(p->pareto ? "yes" : "no") + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string failed_table(const std::vector<const SweepPoint*>& failed) {
  std::string out = "<table class=\"layers\" id=\"failed\">\n<thead><tr><th>#</th><th>workload"
                    "</th><th>settings</th><th>status</th><th>error</th></tr></thead>\n<tbody>\n";
  for (const SweepPoint* p : failed) {
    out += "<tr><td>" + std::to_string(p->index) + "</td><td>" +
           escape_html(workload_name(p->workload)) + "</td><td>" + escape_html(settings_text(*p)) +
           "</td><td>" + escape_html(p->status) + "</td><td><code>" + escape_html(p->error) +
           "</code></td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string meta_item(const std::string& key, const std::string& value) {
  return "<span>" + escape_html(key) + " <b>" + escape_html(value) + "</b></span>";
}

}  // namespace

std::string render_sweep_report(const SweepView& sweep, const ScatterKeys& keys) {
  check_key(sweep, keys.x);
  check_key(sweep, keys.y);
  // Workloads in the order the sweep lists them, which is the order of their first points.
  std::vector<std::pair<std::string, std::vector<const SweepPoint*>>> by_workload;
  std::vector<const SweepPoint*> failed;
  std::size_t ok = 0, cached = 0;
  for (const SweepPoint& p : sweep.points) {
    if (p.has_result()) {
      const auto it = std::find_if(by_workload.begin(), by_workload.end(),
                                   [&p](const auto& entry) { return entry.first == p.workload; });
      if (it == by_workload.end()) {
        by_workload.push_back({p.workload, {&p}});
      } else {
        it->second.push_back(&p);
      }
    } else {
      failed.push_back(&p);
    }
    ok += p.status == "ok" ? 1 : 0;
    cached += p.status == "cached" ? 1 : 0;
  }

  const std::string title = "axsim sweep: " + sweep.name;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" + escape_html(title) + "</title>\n<style>" + report_css() +
                    "</style>\n</head>\n<body>\n<main>\n<h1>" + escape_html(title) + "</h1>\n";
  out += "<div class=\"meta\">" + meta_item("points", std::to_string(sweep.points.size())) +
         meta_item("ok", std::to_string(ok)) + meta_item("cached", std::to_string(cached)) +
         meta_item("failed", std::to_string(failed.size())) +
         meta_item("workloads", std::to_string(by_workload.size())) + "</div>\n";
  out += "<p class=\"note\">The plot's front is that of its two values; the table's pareto "
         "column is the sweep's own front over its objectives, one front per workload. Hover a "
         "point for its settings; click a column header to sort.</p>\n";

  std::size_t n = 0;
  for (const auto& [workload, points] : by_workload) {
    const std::string id = std::to_string(n++);
    out += "<section id=\"workload-" + id + "\">\n<h2>" + escape_html(workload_name(workload)) +
           "</h2>\n<div class=\"meta\">" + meta_item("trace", workload) +
           meta_item("points", std::to_string(points.size())) + "</div>\n";
    out += "<div class=\"chart\">" + render_sweep_scatter(points, keys, "scatter-" + id) +
           "</div>\n";
    out += "<h3>Points</h3>\n<div class=\"scroll\">" + points_table(points, "points-" + id) +
           "</div>\n</section>\n";
  }
  if (!failed.empty()) {
    out += "<h2 id=\"failures\">Failed points (" + std::to_string(failed.size()) +
           ")</h2>\n<p class=\"note\">The first line of each point's error; its whole stderr is in "
           "logs/&lt;index&gt;.err beside results.jsonl.</p>\n" + failed_table(failed);
  }
  out += "<footer>Written by axsim report from a sweep's results.jsonl. Times are simulated; "
         "energy comes from each point's technology table.</footer>\n";
  return out + "</main>\n<script>" + report_script() + "</script>\n</body>\n</html>\n";
}

}  // namespace axsim::reports
