// Turns a finished pipeline run into the RunResult: per-layer results, the summary at the
// trace's batch, the energy ledger, and the dataflow details (the compiler plan and the
// pipeline's FPS, bottleneck and per-stage times).
#pragma once

#include <vector>

#include "models/core/energy.h"
#include "models/core/result.h"
#include "models/dataflow/dataflow_config.h"
#include "models/dataflow/graph.h"
#include "models/dataflow/pipeline.h"
#include "models/dataflow/plan.h"
#include "workloads/trace/trace.h"

namespace axsim::dataflow {

struct RunView {
  const DataflowConfig& config;
  const core::TechTable& tech;
  const trace::Trace& trace;
  const Graph& graph;
  const Plan& plan;
  const std::vector<PassTiming>& passes;  // batch 1, then the trace's batch
};

void fill_result(const RunView& run, core::RunResult& result);

}  // namespace axsim::dataflow
