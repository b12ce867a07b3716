#include "reports/html_report.h"

#include <algorithm>

#include "models/core/error.h"
#include "models/core/result.h"
#include "models/core/units.h"
#include "reports/bandwidth_chart.h"
#include "reports/cim_section.h"
#include "reports/dataflow_section.h"
#include "reports/energy_chart.h"
#include "reports/html_escape.h"
#include "reports/html_tables.h"
#include "reports/layer_chart.h"
#include "reports/report_format.h"
#include "reports/report_style.h"
#include "reports/roofline_chart.h"
#include "reports/summary_text.h"

namespace axsim::reports {

namespace {

std::string meta_item(const std::string& key, const std::string& value) {
  return "<span>" + escape_html(key) + " <b>" + escape_html(value) + "</b></span>";
}

std::string header(const ResultView& r) {
  std::string out = "<div class=\"meta\">";
  out += meta_item("trace", r.trace_name + (r.trace_file.empty() ? "" : " (" + r.trace_file + ")"));
  out += meta_item("config",
                   r.config_name + (r.config_file.empty() ? "" : " (" + r.config_file + ")"));
  out += meta_item("kind", r.kind);
  out += meta_item("axsim", r.axsim_version);
  out += meta_item("config hash", r.config_hash);
  out += meta_item("trace hash", r.trace_hash);
  out += meta_item("simulated at", r.started_at);
  for (const auto& assignment : r.overrides) out += meta_item("--set", assignment);
  return out + "</div>\n";
}

// What only some kinds of machine report (`details`); empty for the others.
std::string kind_sections(const ResultView& r, const std::string& n) {
  std::string out;
  if (r.cim) out += render_cim_section(*r.cim, n);
  if (r.dataflow) out += render_dataflow_section(*r.dataflow, n);
  if (!r.details_note.empty()) {
    out += "<p class=\"note details-error\">" + escape_html(r.details_note) + "</p>\n";
  }
  return out;
}

std::string result_section(const ResultView& r, std::size_t index, bool numbered) {
  const std::string n = std::to_string(index);
  std::string out = "<section id=\"result-" + n + "\">\n";
  out += numbered ? "<h2>" + escape_html(std::to_string(index + 1) + ". " + r.title()) + "</h2>\n"
                  : "<h1>" + escape_html(r.title()) + "</h1>\n";
  out += header(r);

  out += "<div class=\"takeaway\"><h3>Where the time goes</h3>\n";
  for (const auto& sentence : where_the_time_goes(r)) out += "<p>" + escape_html(sentence) + "</p>\n";
  out += "</div>\n";

  out += "<h3>Headline</h3>\n" + headline_table(r);
  out += kind_sections(r, n);

  out += "<h3>Latency per layer</h3>\n<p class=\"note\">One bar per layer in execution order (" +
         std::to_string(r.layers.size()) +
         " layers), split into the time its unit computed, waited for memory, and spent on "
         "anything else.</p>\n";
  out += "<div class=\"chart\">" + render_layer_chart(r.layers, "layer-chart-" + n) + "</div>\n";

  out += "<h3>Off-chip bandwidth over time</h3>\n<p class=\"note\">Each layer's off-chip bytes "
         "spread over its own time; layers running at once add up. The dashed line is the "
         "memory's peak where the result states it, the dotted one the run's average.</p>\n";
  out += "<div class=\"chart\">" + render_bandwidth_chart(r, "bandwidth-chart-" + n) + "</div>\n";

  out += "<div class=\"charts-row\">\n<div>\n<h3>Roofline</h3>\n<p class=\"note\">Each array layer "
         "at its DRAM arithmetic intensity and achieved rate; hover a point for the layer.";
  if (const std::size_t unplaced = roofline_unplaced(r); unplaced > 0) {
    out += " " + std::to_string(unplaced) +
           " array layers read nothing from DRAM (infinite intensity) and are not drawn.";
  }
  if (r.dram_bandwidth_peak <= 0) out += " The result has no DRAM peak bandwidth: no slope.";
  out += "</p>\n<div class=\"chart\">" + render_roofline(r, "roofline-" + n) + "</div>\n</div>\n";
  out += "<div>\n<h3>Energy by component</h3>\n<div class=\"chart\">" +
         render_energy_chart(r, "energy-chart-" + n) + "</div>\n</div>\n</div>\n";

  out += "<h3>Layers</h3>\n<p class=\"note\">Click a column header to sort. compute / memory / "
         "other are shares of the layer's own latency; share is of the whole latency.</p>\n";
  out += "<div class=\"scroll\">" + layer_table(r, "layer-table-" + n) + "</div>\n";
  return out + "</section>\n";
}

}  // namespace

std::string render_html_report(const std::vector<nlohmann::json>& results) {
  std::vector<ResultView> views;
  for (std::size_t i = 0; i < results.size(); ++i) {
    try {
      views.push_back(view_of(results[i]));
    } catch (const nlohmann::json::exception& e) {
      throw core::InputError("result " + std::to_string(i + 1) + ": incomplete axsim result: " +
                             e.what());
    }
  }
  const bool several = views.size() > 1;
  const bool kind_specific = std::any_of(views.begin(), views.end(), [](const ResultView& v) {
    return v.cim || v.dataflow || !v.details_note.empty();
  });
  std::string title = several ? "axsim: " + std::to_string(views.size()) + " results compared"
                              : views.empty() ? "axsim report" : "axsim: " + views[0].title();
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" + escape_html(title) + "</title>\n<style>" + report_css() +
                    (kind_specific ? kind_section_css() : std::string()) +
                    "</style>\n</head>\n<body>\n<main>\n";
  if (several) {
    out += "<h1>" + escape_html(title) + "</h1>\n<h2 id=\"compare\">Side by side</h2>\n" +
           comparison_table(views);
  }
  for (std::size_t i = 0; i < views.size(); ++i) out += result_section(views[i], i, several);
  out += "<footer>Written by axsim report from result JSON (schema axsim-result, version " +
         std::to_string(core::kResultSchemaVersion) +
         "). Times are simulated; energy comes from each result's technology table.</footer>\n";
  out += "</main>\n<script>" + report_script() + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace axsim::reports
