// Cutting a network into contexts: the compiler's first step. When the whole network fits the
// chip (memory and units) it is one context; otherwise contiguous runs of layers, chosen to
// minimise the time of a batch including each context's load. Also the per-segment unit
// estimate the cut is judged by, which the allocator then refines per stage. Plain C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/dataflow/dataflow_config.h"
#include "models/dataflow/graph.h"

namespace axsim::dataflow {

// MACs per second one compute unit gives `node` at its precision and the compiler's efficiency.
double unit_rate(const Node& node, const DataflowConfig& config);

// Units per MAC node of nodes [first, last): at least the share of the chip its memory takes
// (a unit computes on the weights of its own cluster), the rest where the segment is slowest.
std::vector<int64_t> segment_units(const Graph& graph, const std::vector<double>& memory,
                                   const DataflowConfig& config, size_t first, size_t last);

// Node indices per context, in topological order. `memory` is node_memory_bytes(graph).
// InputError naming the layer and the shortfall when one layer does not fit the chip alone.
std::vector<std::vector<int>> cut_contexts(const Graph& graph, const std::vector<double>& memory,
                                           const DataflowConfig& config);

}  // namespace axsim::dataflow
