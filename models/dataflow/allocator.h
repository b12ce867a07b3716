// The resource allocator: plays the vendor's dataflow compiler. Every layer gets its own
// compute units and memory; units are spread so the slowest pipeline stage is as fast as the
// chip allows; a network that does not fit is cut into contexts, each loaded in turn. Plain
// C++, no SystemC.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/dataflow/dataflow_config.h"
#include "models/dataflow/graph.h"
#include "models/dataflow/plan.h"

namespace axsim::dataflow {

// Spreads `units` over stages whose work, in seconds per frame on one unit, is `work_s`
// (stage i gets at least max(1, least[i]) units), minimising the largest work / units.
// InputError when the floors alone exceed the units.
std::vector<int64_t> balance_units(const std::vector<double>& work_s, int64_t units,
                                   const std::vector<int64_t>& least = {});

// On-chip bytes a node needs: its weights plus the input rows it must hold (line buffers,
// and for joins the skip buffers deep enough that the other path can fill), from a row-level
// dry run of the whole graph.
std::vector<double> node_memory_bytes(const Graph& graph);

// InputError naming the layer and the shortfall when one layer does not fit the chip alone.
Plan allocate(const Graph& graph, const DataflowConfig& config);

// A compiler-style report: per context its load time and resources, per layer its clusters,
// units and memory.
std::string format_plan(const Plan& plan);

// RunResult.details["plan"].
nlohmann::json plan_to_json(const Plan& plan);

}  // namespace axsim::dataflow
