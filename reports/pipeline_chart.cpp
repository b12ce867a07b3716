#include "reports/pipeline_chart.h"

#include <algorithm>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kContextColumn = 52, kMaxNameColumn = 200, kPlotTop = 34, kPlotWidth = 720;
constexpr double kRowHeight = 22, kBarHeight = 11, kBottom = 46, kRight = 70;
// 7 px per character is the width of the report's 12 px font; longer names are cut.
constexpr double kCharWidth = 7;
constexpr std::size_t kMaxNameChars = 28;
constexpr const char* kStallOutColour = "#f2b582";

std::string short_name(const std::string& name) {
  return name.size() <= kMaxNameChars ? name : name.substr(0, kMaxNameChars - 1) + "…";
}

double name_column(const std::vector<PipelineStage>& stages) {
  std::size_t longest = 4;
  for (const auto& s : stages) longest = std::max(longest, std::min(s.layer.size(), kMaxNameChars));
  return std::min(kCharWidth * static_cast<double>(longest) + 12, kMaxNameColumn);
}

std::string stage_tooltip(const PipelineStage& s, bool bottleneck) {
  using core::format_time;
  using core::seconds;
  return s.layer + " (context " + std::to_string(s.context) + ", " + svg_number(s.units, 0) +
         " units" + (bottleneck ? ", the bottleneck" : "") + "): busy " +
         format_time(seconds(s.busy_s)) + ", stalled in " + format_time(seconds(s.stall_in_s)) +
         ", stalled out " + format_time(seconds(s.stall_out_s)) + "; rows from " +
         format_time(seconds(s.first_row_s)) + " to " + format_time(seconds(s.last_row_s)) +
         "; utilisation " + format_percent(s.utilization);
}

std::string rect(const char* css_class, double x, double y, double w, double h) {
  return "<rect class=\"" + std::string(css_class) + "\" x=\"" + svg_number(x) + "\" y=\"" +
         svg_number(y) + "\" width=\"" + svg_number(w) + "\" height=\"" + svg_number(h) + "\"/>";
}

}  // namespace

PipelineChartLayout layout_pipeline_chart(const DataflowPipeline& p) {
  PipelineChartLayout l;
  l.plot_left = kContextColumn + name_column(p.stages);
  l.plot_top = kPlotTop;
  l.plot_width = kPlotWidth;
  l.row_height = kRowHeight;
  l.plot_height = kRowHeight * static_cast<double>(std::max<std::size_t>(p.stages.size(), 1));
  l.width = l.plot_left + kPlotWidth + kRight;
  l.height = kPlotTop + l.plot_height + kBottom;

  double end_s = p.frame_latency_s;
  for (const auto& s : p.stages) {
    end_s =
        std::max({end_s, s.last_row_s, s.first_row_s + s.busy_s + s.stall_in_s + s.stall_out_s});
  }
  l.time_ticks_s = linear_ticks(end_s, 6);
  l.time_max_s = l.time_ticks_s.back();
  const double px_per_s = kPlotWidth / l.time_max_s;

  for (std::size_t i = 0; i < p.stages.size(); ++i) {
    const PipelineStage& s = p.stages[i];
    StageRow r;
    r.y = kPlotTop + kRowHeight * static_cast<double>(i);
    r.bar_x = l.plot_left + s.first_row_s * px_per_s;
    r.busy_width = s.busy_s * px_per_s;
    r.stall_in_width = s.stall_in_s * px_per_s;
    r.stall_out_width = s.stall_out_s * px_per_s;
    r.span_x0 = r.bar_x;
    r.span_x1 = l.plot_left + s.last_row_s * px_per_s;
    r.bottleneck = p.is_bottleneck(s);
    r.first_of_context = i == 0 || p.stages[i - 1].context != s.context;
    if (i > 0 && r.first_of_context) l.context_boundaries_y.push_back(r.y);
    l.rows.push_back(r);
  }
  return l;
}

std::string render_pipeline_chart(const DataflowPipeline& p, const std::string& id) {
  const PipelineChartLayout l = layout_pipeline_chart(p);
  const double baseline = l.plot_top + l.plot_height;
  const double right = l.plot_left + l.plot_width;
  std::string out = svg_open(id, l.width, l.height, "Pipeline stages over the run");

  double x = l.plot_left;
  x = svg_legend_item(out, x, 16, kComputeColour, "busy");
  x = svg_legend_item(out, x, 16, kMemoryColour, "stalled: waiting for input");
  svg_legend_item(out, x, 16, kStallOutColour, "stalled: output blocked");

  for (const double t : l.time_ticks_s) {
    const double tx = l.plot_left + t / l.time_max_s * l.plot_width;
    out += svg_line(tx, l.plot_top, tx, baseline, "grid");
    out += svg_text(tx, baseline + 17, core::format_time(core::seconds(t)), "middle");
  }

  out += "<g class=\"stages\">\n";
  for (std::size_t i = 0; i < l.rows.size(); ++i) {
    const StageRow& r = l.rows[i];
    const PipelineStage& s = p.stages[i];
    const double mid = r.y + kRowHeight / 2;
    const double bar_top = r.y + (kRowHeight - kBarHeight) / 2 - 2;
    out += std::string("<g class=\"stage-row") + (r.bottleneck ? " bottleneck" : "") +
           "\" data-layer=\"" + escape_html(s.layer) + "\"><title>" +
           escape_html(stage_tooltip(s, r.bottleneck)) + "</title>";
    if (r.bottleneck) out += rect("bottleneck-band", 0, r.y, l.width, kRowHeight);
    if (r.first_of_context)
      out += svg_text(4, mid + 4, "ctx " + std::to_string(s.context), "start", "tick");
    out += svg_text(l.plot_left - 8, mid + 4, short_name(s.layer) + (r.bottleneck ? " ◀" : ""),
                    "end", "bar-label");
    double bx = r.bar_x;
    if (r.busy_width > 0) out += rect("busy", bx, bar_top, r.busy_width, kBarHeight);
    bx += r.busy_width;
    if (r.stall_in_width > 0) out += rect("stall-in", bx, bar_top, r.stall_in_width, kBarHeight);
    bx += r.stall_in_width;
    if (r.stall_out_width > 0) out += rect("stall-out", bx, bar_top, r.stall_out_width, kBarHeight);
    const double span_y = bar_top + kBarHeight + 3;
    out += svg_line(r.span_x0, span_y, r.span_x1, span_y, "span");
    out += svg_text(right + 8, mid + 4, format_percent(s.utilization), "start", "tick");
    out += "</g>\n";
  }
  out += "</g>\n";

  for (const double y : l.context_boundaries_y) out += svg_line(0, y, right, y, "context-boundary");
  if (p.frame_latency_s > 0) {
    const double fx = l.plot_left + p.frame_latency_s / l.time_max_s * l.plot_width;
    out += svg_line(fx, l.plot_top, fx, baseline, "period");
    out += svg_text(fx - 4, l.plot_top - 5,
                    "frame latency " + core::format_time(core::seconds(p.frame_latency_s)), "end",
                    "value");
  }
  out += svg_line(l.plot_left, baseline, right, baseline, "axis");
  out += svg_text(right + 8, l.plot_top - 6, "util", "start", "axis-label");
  out += svg_text(l.plot_left, baseline + 36,
                  "time over the run; the thin line under a bar: first to last output row", "start",
                  "axis-label");
  return out + "</svg>\n";
}

}  // namespace axsim::reports
