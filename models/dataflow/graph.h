// The network as the dataflow compiler sees it: one node per pipeline stage (a layer with the
// pointwise activations and shape-only layers that follow it fused in), feature maps that
// move row by row, and for each input of a node how many input rows it must hold before it
// can emit a given number of output rows. Plain C++.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/trace/trace.h"

namespace axsim::dataflow {

// How many producer rows a consumer needs for its first `n` output rows.
struct RowNeed {
  enum class Rule { window, scaled, all };
  Rule rule = Rule::scaled;
  int64_t stride = 1;  // window: input rows per output row
  int64_t reach = 1;   // window: input rows needed for the first output row
  int64_t rows_in = 1;
  int64_t rows_out = 1;

  int64_t rows_for(int64_t n_out) const;
};

struct NodeInput {
  int node = -1;       // producing node, or -1 for a graph input
  std::string tensor;  // producing layer or graph input
  int64_t rows = 1;
  double row_bytes = 0;  // one frame
  RowNeed need;
};

struct Node {
  std::string name;                 // the first layer's name
  std::vector<std::string> layers;  // the first layer, then those fused into it
  std::string op;
  bool uses_macs = false;
  int bits = 8;           // operand width of the MACs
  double macs = 0;        // per frame
  double vector_ops = 0;  // per frame, of the unfused non-MAC layer
  double weight_bytes = 0;
  int64_t rows = 1;      // output rows per frame
  double row_bytes = 0;  // output bytes per row per frame
  std::vector<NodeInput> inputs;
  std::vector<int> consumers;  // nodes reading this one's output
  bool graph_output = false;
};

struct GraphInputInfo {
  std::string name;
  int64_t rows = 1;
  double row_bytes = 0;
};

struct Graph {
  std::vector<Node> nodes;  // topological
  std::vector<GraphInputInfo> inputs;
  int64_t batch = 1;
};

Graph build_graph(const trace::Trace& trace);

// Rows of a feature map of this shape (NCHW: H; [B, S, D]: S; else 1).
int64_t tensor_rows(const std::vector<int64_t>& shape);

// A pull-order dry run of a stage graph with unbounded FIFOs: every stage produces only what
// its consumers ask for. The largest occupancy seen on each edge (producer units made but not
// yet consumed) is the buffering the edge needs to stream without deadlock, skip connections
// included. A stage's units are rows or row blocks.
struct DryStage {
  int64_t units = 1;
  struct In {
    int producer = -1;          // -1: an external stream, always available
    std::vector<int64_t> need;  // cumulative producer units needed for output unit j
  };
  std::vector<In> inputs;
  bool sink = false;  // pulled to completion, round-robin with the other sinks
};
// Returns, per stage, per input, the peak occupancy in producer units.
std::vector<std::vector<int64_t>> dry_run_occupancy(const std::vector<DryStage>& stages);

}  // namespace axsim::dataflow
