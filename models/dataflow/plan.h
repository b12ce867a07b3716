// The dataflow compiler's output: which layer runs on which clusters with how many compute
// units, in which context, and the pipeline of stages and FIFOs the SystemC model replays.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace axsim::dataflow {

enum class StageKind { compute, vector, source, sink };
const char* stage_kind_name(StageKind kind);

// A FIFO of row blocks from one stage to another in the same context.
struct Edge {
  int from = 0;
  int to = 0;
  int64_t depth = 1;          // row blocks
  std::vector<int64_t> need;  // cumulative producer blocks the consumer needs for its block j
};

struct Stage {
  std::string name;  // the node's name; sources and sinks: "<tensor>@in" / "<tensor>@out"
  StageKind kind = StageKind::compute;
  int context = 0;
  int node = -1;  // index into the graph's nodes (compute and vector stages)
  int64_t rows = 1;
  int64_t blocks = 1;
  int64_t rows_per_block = 1;
  double block_compute_s = 0;   // per full block: the units (or the vector path) busy
  double block_noc_s = 0;       // per full block: the output crossing to another cluster
  double block_link_bytes = 0;  // sources and sinks: bytes per full block over their link
  bool host_link = false;       // sources and sinks: the host link (else the context store)
  int64_t units = 0;
  std::vector<int> clusters;
  double memory_bytes = 0;  // weights + line, FIFO and skip buffers
  double weight_bytes = 0;
  double macs = 0;             // per frame
  double vector_ops = 0;       // per frame
  double peak_macs_per_s = 0;  // of its units
  std::vector<int> in_edges;
  std::vector<int> out_edges;

  // Rows in block j (the last block may be short).
  int64_t rows_in_block(int64_t j) const;
};

struct Context {
  int index = 0;
  std::vector<int> stages;  // compute and vector stages, then sources and sinks
  double weight_bytes = 0;
  double memory_bytes = 0;
  int64_t units = 0;
  double switch_s = 0;       // loading this context (0 when the network has one context)
  double cut_in_bytes = 0;   // per frame, read back from the store
  double cut_out_bytes = 0;  // per frame, written to the store
};

struct Plan {
  std::vector<Stage> stages;
  std::vector<Edge> edges;
  std::vector<Context> contexts;
  int64_t clusters = 0;
  int64_t units_per_cluster = 0;
  double chip_memory_bytes = 0;
  std::string store;  // "dram" or "host": where context weights and cuts live
};

}  // namespace axsim::dataflow
