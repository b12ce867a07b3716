// A dataflow pipeline as one row per stage, in pipeline order: a stacked bar of the time the
// stage was busy, stalled waiting for input and stalled waiting for room downstream, a line
// from its first to its last output row, the bottleneck stage highlighted and a dashed rule
// where one context (the layers resident together) gives way to the next.
#pragma once

#include <string>
#include <vector>

#include "reports/dataflow_details.h"

namespace axsim::reports {

struct StageRow {
  double y = 0;  // top of the row, SVG pixels
  double bar_x = 0, busy_width = 0, stall_in_width = 0, stall_out_width = 0;
  double span_x0 = 0, span_x1 = 0;  // first_row_s .. last_row_s
  bool bottleneck = false;
  bool first_of_context = false;
};

struct PipelineChartLayout {
  double width = 0, height = 0;  // whole SVG
  double plot_left = 0, plot_top = 0, plot_width = 0, plot_height = 0, row_height = 0;
  double time_max_s = 0;
  std::vector<double> time_ticks_s;
  std::vector<StageRow> rows;                // one per stage, in pipeline order
  std::vector<double> context_boundaries_y;  // between a context's last stage and the next's first
};

PipelineChartLayout layout_pipeline_chart(const DataflowPipeline& pipeline);

std::string render_pipeline_chart(const DataflowPipeline& pipeline, const std::string& id);

}  // namespace axsim::reports
