#include "models/dataflow/allocator.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <numeric>
#include <queue>
#include <set>
#include <sstream>

#include "models/core/error.h"
#include "models/dataflow/contexts.h"

namespace axsim::dataflow {

const char* stage_kind_name(StageKind kind) {
  switch (kind) {
    case StageKind::compute:
      return "compute";
    case StageKind::vector:
      return "vector";
    case StageKind::source:
      return "source";
    case StageKind::sink:
      return "sink";
  }
  return "?";
}

int64_t Stage::rows_in_block(int64_t j) const {
  return std::max<int64_t>(0, std::min(rows, (j + 1) * rows_per_block) - j * rows_per_block);
}

std::vector<int64_t> balance_units(const std::vector<double>& work_s, int64_t units,
                                   const std::vector<int64_t>& least) {
  std::vector<int64_t> given(work_s.size(), 1);
  for (size_t i = 0; i < least.size() && i < given.size(); ++i) {
    given[i] = std::max<int64_t>(1, least[i]);
  }
  const int64_t floor = std::accumulate(given.begin(), given.end(), int64_t{0});
  if (units < floor) {
    throw core::InputError("the chip has " + std::to_string(units) + " compute units but its " +
                           std::to_string(work_s.size()) + " layers need " + std::to_string(floor) +
                           " (one each, more where their weights " +
                           "fill several clusters): short by " + std::to_string(floor - units));
  }
  using Entry = std::pair<double, size_t>;  // time per frame, stage
  std::priority_queue<Entry> slowest;
  for (size_t i = 0; i < work_s.size(); ++i) {
    slowest.push({work_s[i] / static_cast<double>(given[i]), i});
  }
  for (int64_t left = units - floor; left > 0 && !slowest.empty(); --left) {
    const size_t i = slowest.top().second;
    slowest.pop();
    ++given[i];
    slowest.push({work_s[i] / static_cast<double>(given[i]), i});
  }
  return given;
}

namespace {

std::vector<int64_t> need_table(const RowNeed& need, int64_t out_units, int64_t out_rows_per_unit,
                                int64_t out_rows, int64_t in_rows_per_unit, int64_t in_units) {
  std::vector<int64_t> table(static_cast<size_t>(out_units));
  for (int64_t j = 0; j < out_units; ++j) {
    const int64_t rows = std::min(out_rows, (j + 1) * out_rows_per_unit);
    const int64_t in_rows = need.rows_for(rows);
    table[static_cast<size_t>(j)] =
        std::min(in_units, (in_rows + in_rows_per_unit - 1) / in_rows_per_unit);
  }
  table.back() = in_units;
  return table;
}

}  // namespace

std::vector<double> node_memory_bytes(const Graph& graph) {
  // Dry-run stages: the graph inputs first, then the nodes, all at one row per unit.
  const size_t offset = graph.inputs.size();
  std::vector<DryStage> dry(offset + graph.nodes.size());
  for (size_t i = 0; i < offset; ++i) dry[i].units = graph.inputs[i].rows;
  std::map<std::string, int> input_index;
  for (size_t i = 0; i < offset; ++i) input_index[graph.inputs[i].name] = static_cast<int>(i);
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const Node& node = graph.nodes[n];
    DryStage& s = dry[offset + n];
    s.units = node.rows;
    s.sink = node.graph_output;
    for (const NodeInput& in : node.inputs) {
      DryStage::In d;
      d.producer = in.node >= 0 ? static_cast<int>(offset) + in.node : input_index[in.tensor];
      d.need = need_table(in.need, node.rows, 1, node.rows, 1, in.rows);
      s.inputs.push_back(std::move(d));
    }
  }
  const std::vector<std::vector<int64_t>> peaks = dry_run_occupancy(dry);
  std::vector<double> bytes(graph.nodes.size());
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const Node& node = graph.nodes[n];
    double total = node.weight_bytes;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      total += static_cast<double>(std::max<int64_t>(1, peaks[offset + n][i])) *
               node.inputs[i].row_bytes;
    }
    bytes[n] = total;
  }
  return bytes;
}

namespace {

std::string format_bytes(double bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(bytes >= 1048576.0 ? 2 : 1);
  if (bytes >= 1048576.0) {
    out << bytes / 1048576.0 << " MiB";
  } else {
    out << bytes / 1024.0 << " KiB";
  }
  return out.str();
}

struct Blocking {
  int64_t blocks = 1;
  int64_t rows_per_block = 1;
};

Blocking blocking_for(int64_t rows, int64_t max_blocks) {
  Blocking b;
  const int64_t wanted = std::max<int64_t>(1, std::min(rows, max_blocks));
  b.rows_per_block = (rows + wanted - 1) / wanted;
  b.blocks = (rows + b.rows_per_block - 1) / b.rows_per_block;
  return b;
}

class PlanBuilder {
 public:
  PlanBuilder(const Graph& graph, const DataflowConfig& config)
      : graph_(graph), config_(config), memory_(node_memory_bytes(graph)) {
    plan_.clusters = config.clusters;
    plan_.units_per_cluster = config.units_per_cluster;
    plan_.chip_memory_bytes = config.total_memory_bytes();
    plan_.store = config.store_name();
  }

  Plan build() {
    const std::vector<std::vector<int>> contexts = cut_contexts(graph_, memory_, config_);
    context_of_.assign(graph_.nodes.size(), 0);
    for (size_t c = 0; c < contexts.size(); ++c) {
      for (int n : contexts[c]) context_of_[static_cast<size_t>(n)] = static_cast<int>(c);
    }
    stage_of_.assign(graph_.nodes.size(), -1);
    for (size_t c = 0; c < contexts.size(); ++c) add_context(static_cast<int>(c), contexts[c]);
    for (Context& ctx : plan_.contexts) size_fifos(ctx);
    // One context is loaded once when the network is activated; several are loaded in turn
    // for every batch.
    if (plan_.contexts.size() > 1) {
      for (Context& ctx : plan_.contexts) {
        size_t layers = 0;
        for (int s : ctx.stages) {
          const StageKind kind = plan_.stages[static_cast<size_t>(s)].kind;
          layers += kind == StageKind::compute || kind == StageKind::vector ? 1 : 0;
        }
        ctx.switch_s = context_load_s(ctx, layers);
      }
    }
    return std::move(plan_);
  }

 private:
  double unit_rate(const Node& node) const { return dataflow::unit_rate(node, config_); }

  void add_context(int index, const std::vector<int>& nodes) {
    Context ctx;
    ctx.index = index;
    const std::vector<int64_t> units =
        segment_units(graph_, memory_, config_, static_cast<size_t>(nodes.front()),
                      static_cast<size_t>(nodes.back()) + 1);
    size_t next_units = 0;
    int64_t unit_offset = 0;
    int last_cluster = 0;
    for (int n : nodes) {
      const Node& node = graph_.nodes[static_cast<size_t>(n)];
      Stage s;
      s.name = node.name;
      s.context = index;
      s.node = n;
      s.rows = node.rows;
      const Blocking b = blocking_for(node.rows, config_.max_row_blocks);
      s.blocks = b.blocks;
      s.rows_per_block = b.rows_per_block;
      s.weight_bytes = node.weight_bytes;
      s.memory_bytes = memory_[static_cast<size_t>(n)];
      s.macs = node.macs;
      s.vector_ops = node.vector_ops;
      const double block_share =
          static_cast<double>(b.rows_per_block) / static_cast<double>(node.rows);
      if (node.uses_macs) {
        s.kind = StageKind::compute;
        s.units = units[next_units++];
        s.peak_macs_per_s =
            config_.macs_per_cycle(node.bits) * config_.clock.si * static_cast<double>(s.units);
        s.block_compute_s =
            node.macs * block_share / (unit_rate(node) * static_cast<double>(s.units));
        const int64_t first = unit_offset / config_.units_per_cluster;
        const int64_t last = (unit_offset + s.units - 1) / config_.units_per_cluster;
        for (int64_t k = first; k <= last; ++k) s.clusters.push_back(static_cast<int>(k));
        unit_offset += s.units;
        last_cluster = static_cast<int>(last);
      } else {
        s.kind = StageKind::vector;
        s.block_compute_s =
            node.vector_ops * block_share / (config_.vector_ops_per_cycle * config_.clock.si);
        s.clusters.push_back(last_cluster);
      }
      ctx.weight_bytes += s.weight_bytes;
      ctx.memory_bytes += s.memory_bytes;
      ctx.units += s.units;
      stage_of_[static_cast<size_t>(n)] = static_cast<int>(plan_.stages.size());
      ctx.stages.push_back(static_cast<int>(plan_.stages.size()));
      plan_.stages.push_back(std::move(s));
    }
    std::map<std::string, int> sources;  // tensor -> source stage of this context
    for (int n : nodes) {
      const Node& node = graph_.nodes[static_cast<size_t>(n)];
      const int consumer = stage_of_[static_cast<size_t>(n)];
      for (const NodeInput& in : node.inputs) {
        int producer = -1;
        if (in.node >= 0 && context_of_[static_cast<size_t>(in.node)] == index) {
          producer = stage_of_[static_cast<size_t>(in.node)];
        } else {
          auto it = sources.find(in.tensor);
          if (it == sources.end()) {
            it = sources
                     .emplace(in.tensor, add_link_stage(ctx, in.tensor + "@in", StageKind::source,
                                                        in.rows, in.row_bytes, in.node < 0))
                     .first;
          }
          producer = it->second;
        }
        add_edge(producer, consumer, &in.need);
      }
    }
    for (int n : nodes) {
      const Node& node = graph_.nodes[static_cast<size_t>(n)];
      const int producer = stage_of_[static_cast<size_t>(n)];
      bool later = false;
      for (int c : node.consumers) later = later || context_of_[static_cast<size_t>(c)] != index;
      if (later) {
        const int sink = add_link_stage(ctx, node.name + "@out", StageKind::sink, node.rows,
                                        node.row_bytes, false);
        add_edge(producer, sink, nullptr);
      }
      if (node.graph_output) {
        const int sink = add_link_stage(ctx, node.name + "@host", StageKind::sink, node.rows,
                                        node.row_bytes, true);
        add_edge(producer, sink, nullptr);
      }
      // A vector stage's output leaves its cluster when a consumer sits elsewhere.
      Stage& p = plan_.stages[static_cast<size_t>(producer)];
      for (int c : node.consumers) {
        if (context_of_[static_cast<size_t>(c)] != index) continue;
        const Stage& q = plan_.stages[static_cast<size_t>(stage_of_[static_cast<size_t>(c)])];
        if (!q.clusters.empty() && !p.clusters.empty() && q.clusters.front() != p.clusters.back()) {
          p.block_noc_s =
              node.row_bytes * static_cast<double>(p.rows_per_block) / config_.noc_bandwidth.si;
        }
      }
    }
    plan_.contexts.push_back(std::move(ctx));
  }

  double context_load_s(const Context& ctx, size_t layers) const {
    const LinkConfig& link = config_.store_link();
    const double bytes =
        ctx.weight_bytes + config_.config_bytes_per_layer.si * static_cast<double>(layers);
    return config_.switch_overhead.si + link.latency.si + bytes / link.bandwidth.si;
  }

  int add_link_stage(Context& ctx, const std::string& name, StageKind kind, int64_t rows,
                     double row_bytes, bool host) {
    Stage s;
    s.name = name;
    s.kind = kind;
    s.context = ctx.index;
    s.rows = rows;
    const Blocking b = blocking_for(rows, config_.max_row_blocks);
    s.blocks = b.blocks;
    s.rows_per_block = b.rows_per_block;
    s.block_link_bytes = row_bytes * static_cast<double>(b.rows_per_block);
    s.host_link = host;
    if (!host) {
      (kind == StageKind::source ? ctx.cut_in_bytes : ctx.cut_out_bytes) +=
          row_bytes * static_cast<double>(rows);
    }
    const int index = static_cast<int>(plan_.stages.size());
    ctx.stages.push_back(index);
    plan_.stages.push_back(std::move(s));
    return index;
  }

  void add_edge(int from, int to, const RowNeed* need) {
    Stage& p = plan_.stages[static_cast<size_t>(from)];
    Stage& c = plan_.stages[static_cast<size_t>(to)];
    Edge e;
    e.from = from;
    e.to = to;
    if (need != nullptr) {
      e.need = need_table(*need, c.blocks, c.rows_per_block, c.rows, p.rows_per_block, p.blocks);
    } else {
      for (int64_t j = 0; j < c.blocks; ++j) e.need.push_back(j + 1);
    }
    const int index = static_cast<int>(plan_.edges.size());
    p.out_edges.push_back(index);
    c.in_edges.push_back(index);
    plan_.edges.push_back(std::move(e));
  }

  // FIFO depths from a block-level dry run of the context: deep enough for the pipeline's
  // fill and for every skip path, never shallower than the configured depth.
  void size_fifos(const Context& ctx) {
    std::map<int, int> local;
    for (size_t i = 0; i < ctx.stages.size(); ++i) local[ctx.stages[i]] = static_cast<int>(i);
    std::vector<DryStage> dry(ctx.stages.size());
    for (size_t i = 0; i < ctx.stages.size(); ++i) {
      const Stage& s = plan_.stages[static_cast<size_t>(ctx.stages[i])];
      dry[i].units = s.blocks;
      dry[i].sink = s.kind == StageKind::sink;
      for (int e : s.in_edges) {
        const Edge& edge = plan_.edges[static_cast<size_t>(e)];
        dry[i].inputs.push_back({local[edge.from], edge.need});
      }
    }
    const std::vector<std::vector<int64_t>> peaks = dry_run_occupancy(dry);
    for (size_t i = 0; i < ctx.stages.size(); ++i) {
      const Stage& s = plan_.stages[static_cast<size_t>(ctx.stages[i])];
      for (size_t k = 0; k < s.in_edges.size(); ++k) {
        Edge& edge = plan_.edges[static_cast<size_t>(s.in_edges[k])];
        edge.depth = 2 * peaks[i][k] + config_.fifo_blocks;
      }
    }
  }

  const Graph& graph_;
  const DataflowConfig& config_;
  std::vector<double> memory_;
  std::vector<int> context_of_;
  std::vector<int> stage_of_;
  Plan plan_;
};

}  // namespace

Plan allocate(const Graph& graph, const DataflowConfig& config) {
  return PlanBuilder(graph, config).build();
}

std::string format_plan(const Plan& plan) {
  std::ostringstream out;
  out << "dataflow plan: " << plan.contexts.size() << " context(s) on " << plan.clusters
      << " clusters x " << plan.units_per_cluster << " units, "
      << format_bytes(plan.chip_memory_bytes) << " on chip; contexts load from " << plan.store
      << "\n";
  for (const Context& ctx : plan.contexts) {
    out << "context " << ctx.index << ": " << ctx.units << " units, weights "
        << format_bytes(ctx.weight_bytes) << ", memory " << format_bytes(ctx.memory_bytes);
    if (ctx.switch_s > 0) out << ", switch " << std::setprecision(4) << ctx.switch_s * 1e3 << " ms";
    out << "\n";
    for (int index : ctx.stages) {
      const Stage& s = plan.stages[static_cast<size_t>(index)];
      out << "  " << std::left << std::setw(28) << s.name << std::right << std::setw(8)
          << stage_kind_name(s.kind);
      if (s.kind == StageKind::compute || s.kind == StageKind::vector) {
        out << std::setw(6) << s.units << " units  clusters ";
        for (size_t k = 0; k < s.clusters.size(); ++k) out << (k ? "," : "") << s.clusters[k];
        out << "  mem " << format_bytes(s.memory_bytes);
      } else {
        out << "  via " << (s.host_link ? "host" : plan.store);
      }
      out << "\n";
    }
  }
  return out.str();
}

nlohmann::json plan_to_json(const Plan& plan) {
  nlohmann::json contexts = nlohmann::json::array();
  for (const Context& ctx : plan.contexts) {
    nlohmann::json layers = nlohmann::json::array();
    for (int index : ctx.stages) {
      const Stage& s = plan.stages[static_cast<size_t>(index)];
      if (s.kind != StageKind::compute && s.kind != StageKind::vector) continue;
      layers.push_back({{"layer", s.name},
                        {"clusters", s.clusters},
                        {"units", s.units},
                        {"memory_bytes", s.memory_bytes}});
    }
    contexts.push_back({{"index", ctx.index},
                        {"weight_bytes", ctx.weight_bytes},
                        {"memory_bytes", ctx.memory_bytes},
                        {"units", ctx.units},
                        {"switch_s", ctx.switch_s},
                        {"layers", layers}});
  }
  return {{"contexts", contexts},
          {"clusters", plan.clusters},
          {"units_per_cluster", plan.units_per_cluster}};
}

}  // namespace axsim::dataflow
