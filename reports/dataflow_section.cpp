#include "reports/dataflow_section.h"

#include <algorithm>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/pipeline_chart.h"
#include "reports/report_format.h"

namespace axsim::reports {

namespace {

using core::format_bytes;
using core::format_time;

std::string row(const std::string& key, const std::string& value_html) {
  return "<tr><th scope=\"row\">" + escape_html(key) + "</th><td>" + value_html + "</td></tr>\n";
}

std::string frame_rate(double fps) { return svg_number(fps, fps < 100 ? 2 : 0) + " frames/s"; }

std::string key_figures(const DataflowDetails& d) {
  std::string out = "<table class=\"headline\">\n";
  if (d.pipeline) {
    const DataflowPipeline& p = *d.pipeline;
    out += row("frames/s at batch 1", escape_html(frame_rate(p.fps_batch1)));
    std::string batch_n = escape_html(frame_rate(p.fps_batch));
    if (p.fps_batch1 > 0) {
      batch_n += " <span class=\"dim\">(×" + svg_number(p.fps_batch / p.fps_batch1, 2) +
                 " batch 1)</span>";
    }
    out += row("frames/s at batch " + svg_number(p.batch, 0), batch_n);
    out += row("frame latency", escape_html(format_time(core::seconds(p.frame_latency_s))));
    out += row("contexts", escape_html(svg_number(p.contexts, 0)) + " <span class=\"dim\">(" +
                               escape_html(format_time(core::seconds(p.switch_s))) +
                               " switching between them)</span>");
    const auto stage = std::find_if(p.stages.begin(), p.stages.end(),
                                    [&p](const PipelineStage& s) { return p.is_bottleneck(s); });
    std::string bottleneck = "<b>" + escape_html(p.bottleneck_layer) + "</b> in context " +
                             std::to_string(p.bottleneck_context);
    if (stage != p.stages.end()) {
      bottleneck += " <span class=\"dim\">(busy " +
                    escape_html(format_time(core::seconds(stage->busy_s))) + ", utilisation " +
                    escape_html(format_percent(stage->utilization)) + ")</span>";
    }
    out += row("bottleneck stage", bottleneck);
  }
  if (d.plan) {
    out +=
        row("fabric", escape_html(svg_number(d.plan->clusters, 0) + " clusters × " +
                                  svg_number(d.plan->units_per_cluster, 0) + " units per cluster"));
  }
  return out + "</table>\n";
}

std::string context_heading(const PlanContext& c) {
  return "context " + std::to_string(c.index) + ": " + std::to_string(c.layers.size()) +
         (c.layers.size() == 1 ? " layer, " : " layers, ") + svg_number(c.units, 0) +
         " units, weights " + format_bytes(core::bytes(c.weight_bytes)) + ", memory " +
         format_bytes(core::bytes(c.memory_bytes)) + ", loaded in " +
         format_time(core::seconds(c.switch_s));
}

std::string plan_table(const DataflowPlan& plan, const std::string& id) {
  std::string out = "<table class=\"layers plan\" id=\"" + escape_html(id) +
                    "\">\n<thead><tr><th>layer</th><th>clusters</th><th class=\"num\">units</th>"
                    "<th class=\"num\">memory</th></tr></thead>\n<tbody>\n";
  for (const auto& c : plan.contexts) {
    out += "<tr class=\"context-row\"><th colspan=\"4\">" + escape_html(context_heading(c)) +
           "</th></tr>\n";
    for (const auto& l : c.layers) {
      out += "<tr><td>" + escape_html(l.layer) + "</td><td>" +
             escape_html(cluster_ranges(l.clusters)) + "</td><td class=\"num\">" +
             escape_html(svg_number(l.units, 0)) + "</td><td class=\"num\">" +
             escape_html(format_bytes(core::bytes(l.memory_bytes))) + "</td></tr>\n";
    }
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string cluster_ranges(std::vector<int> clusters) {
  std::sort(clusters.begin(), clusters.end());
  clusters.erase(std::unique(clusters.begin(), clusters.end()), clusters.end());
  std::string out;
  for (std::size_t i = 0; i < clusters.size();) {
    std::size_t j = i;
    while (j + 1 < clusters.size() && clusters[j + 1] == clusters[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(clusters[i]);
    if (j > i) out += "–" + std::to_string(clusters[j]);
    i = j + 1;
  }
  return out;
}

std::string render_dataflow_section(const DataflowDetails& d, const std::string& n) {
  std::string out = "<div class=\"kind-section\" id=\"dataflow-" + n + "\">\n";
  if (d.pipeline) {
    out += "<h3>Dataflow pipeline</h3>\n<p class=\"note\">One row per stage in pipeline order (" +
           std::to_string(d.pipeline->stages.size()) +
           " stages): the time it was busy, stalled waiting for input, and stalled because the "
           "next stage had no room. The highlighted row (◀) is the bottleneck; dashed rules "
           "separate contexts. Hover a row for its numbers.</p>\n";
    out += "<div class=\"chart\">" + render_pipeline_chart(*d.pipeline, "dataflow-pipeline-" + n) +
           "</div>\n";
  }
  if (d.pipeline || d.plan) out += key_figures(d);
  if (d.plan) {
    out +=
        "<h3>Dataflow plan</h3>\n<p class=\"note\">How the compiler placed the layers: the "
        "layers of a context are resident on the fabric together; a context switch loads "
        "the next.</p>\n";
    out += "<div class=\"scroll fit\">" + plan_table(*d.plan, "dataflow-plan-" + n) + "</div>\n";
  }
  for (const auto& note : d.notes) {
    out += "<p class=\"note details-error\">Left out of this section: " + escape_html(note) +
           ".</p>\n";
  }
  return out + "</div>\n";
}

}  // namespace axsim::reports
