#include "models/dataflow/graph.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "models/dataflow/stream_stage.h"
#include "workloads/trace/counts.h"

namespace axsim::dataflow {

int64_t RowNeed::rows_for(int64_t n_out) const {
  if (n_out <= 0) return 0;
  switch (rule) {
    case Rule::window:
      return n_out >= rows_out ? rows_in : std::min(rows_in, (n_out - 1) * stride + reach);
    case Rule::scaled:
      return std::min(rows_in, (n_out * rows_in + rows_out - 1) / rows_out);
    case Rule::all:
      return rows_in;
  }
  return rows_in;
}

int64_t tensor_rows(const std::vector<int64_t>& shape) {
  if (shape.size() == 4) return std::max<int64_t>(1, shape[2]);
  if (shape.size() == 3) return std::max<int64_t>(1, shape[1]);
  return 1;
}

namespace {

bool is_window_op(trace::Op op) {
  return op == trace::Op::conv2d || op == trace::Op::max_pool || op == trace::Op::avg_pool;
}

bool is_fusable(trace::Op op) {
  return op == trace::Op::activation || op == trace::Op::reshape || op == trace::Op::flatten ||
         op == trace::Op::batch_norm;
}

double per_frame(double value, int64_t batch) { return value / static_cast<double>(batch); }

RowNeed need_for(const trace::Layer& layer, size_t input, int64_t rows_in, int64_t rows_out) {
  RowNeed n;
  n.rows_in = rows_in;
  n.rows_out = rows_out;
  const bool spatial =
      layer.output.shape.size() == 4 && layer.inputs[input].tensor.shape.size() == 4;
  if (is_window_op(layer.op) && spatial) {
    const int64_t k = (layer.attrs.kernel[0] - 1) * layer.attrs.dilation[0] + 1;
    n.rule = RowNeed::Rule::window;
    n.stride = std::max<int64_t>(1, layer.attrs.stride[0]);
    const int64_t pad = layer.attrs.padding[0];
    if (n.stride == 1 && k % 2 == 1 && pad == k / 2) {
      // The stream-stage contract: a "same" stride-1 window emits its first row after
      // fill_rows input rows.
      n.reach = fill_rows(StreamStage{layer.output.shape[3], rows_out, k});
    } else {
      n.reach = std::max<int64_t>(1, k - pad);
    }
    return n;
  }
  const bool needs_all = layer.op == trace::Op::global_avg_pool ||
                         (layer.op == trace::Op::attention && input > 0) ||
                         (layer.op == trace::Op::matmul && input > 0) || layer.op == trace::Op::rnn;
  n.rule = needs_all ? RowNeed::Rule::all : RowNeed::Rule::scaled;
  return n;
}

}  // namespace

Graph build_graph(const trace::Trace& trace) {
  Graph g;
  g.batch = std::max<int64_t>(1, trace.batch);
  std::map<std::string, int> node_of;  // tensor name -> node producing it
  std::map<std::string, int> graph_input;
  for (const trace::GraphInput& in : trace.inputs) {
    GraphInputInfo info;
    info.name = in.name;
    info.rows = tensor_rows(in.tensor.shape);
    info.row_bytes = per_frame(static_cast<double>(trace::tensor_bytes(in.tensor)), g.batch) /
                     static_cast<double>(info.rows);
    graph_input[in.name] = static_cast<int>(g.inputs.size());
    g.inputs.push_back(info);
  }
  std::map<std::string, int> readers;
  for (const trace::Layer& layer : trace.layers) {
    for (const trace::InputRef& in : layer.inputs) ++readers[in.from];
  }
  for (const std::string& out : trace.outputs) ++readers[out];

  for (const trace::Layer& layer : trace.layers) {
    const trace::LayerCounts counts = trace::count_layer(layer);
    const int64_t rows = tensor_rows(layer.output.shape);
    const double row_bytes =
        per_frame(static_cast<double>(counts.output_bytes), g.batch) / static_cast<double>(rows);
    if (is_fusable(layer.op) && layer.inputs.size() == 1 && counts.macs == 0) {
      const auto producer = node_of.find(layer.inputs[0].from);
      if (producer != node_of.end() && readers[layer.inputs[0].from] == 1 &&
          g.nodes[static_cast<size_t>(producer->second)].rows == rows) {
        Node& host = g.nodes[static_cast<size_t>(producer->second)];
        host.layers.push_back(layer.name);
        host.row_bytes = row_bytes;
        host.weight_bytes += static_cast<double>(counts.weight_bytes);
        node_of[layer.name] = producer->second;
        continue;
      }
    }
    Node node;
    node.name = layer.name;
    node.layers = {layer.name};
    node.op = trace::op_name(layer.op);
    node.macs = per_frame(static_cast<double>(counts.macs), g.batch);
    node.uses_macs = counts.macs > 0;
    node.vector_ops =
        node.uses_macs ? 0.0 : per_frame(static_cast<double>(counts.vector_ops), g.batch);
    node.weight_bytes = static_cast<double>(counts.weight_bytes);
    int bits = 0;
    for (const trace::InputRef& in : layer.inputs) bits = std::max(bits, in.tensor.bits);
    // The kernel sets the MAC width; biases (often int32) are added once per output.
    if (!layer.weights.empty()) bits = std::max(bits, layer.weights.front().tensor.bits);
    node.bits = bits > 0 ? bits : 8;
    node.rows = rows;
    node.row_bytes = row_bytes;
    for (size_t i = 0; i < layer.inputs.size(); ++i) {
      const trace::InputRef& ref = layer.inputs[i];
      NodeInput in;
      in.tensor = ref.from;
      const auto producer = node_of.find(ref.from);
      if (producer != node_of.end()) {
        in.node = producer->second;
        const Node& p = g.nodes[static_cast<size_t>(in.node)];
        in.rows = p.rows;
        in.row_bytes = p.row_bytes;
      } else if (graph_input.count(ref.from) != 0) {
        const GraphInputInfo& gi = g.inputs[static_cast<size_t>(graph_input[ref.from])];
        in.rows = gi.rows;
        in.row_bytes = gi.row_bytes;
      } else {
        throw std::invalid_argument("layer '" + layer.name + "' reads '" + ref.from +
                                    "', which no layer or graph input produces");
      }
      in.need = need_for(layer, i, in.rows, rows);
      node.inputs.push_back(in);
    }
    node_of[layer.name] = static_cast<int>(g.nodes.size());
    g.nodes.push_back(std::move(node));
  }
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    for (const NodeInput& in : g.nodes[n].inputs) {
      if (in.node >= 0)
        g.nodes[static_cast<size_t>(in.node)].consumers.push_back(static_cast<int>(n));
    }
  }
  for (const std::string& out : trace.outputs) {
    const auto it = node_of.find(out);
    if (it != node_of.end()) g.nodes[static_cast<size_t>(it->second)].graph_output = true;
  }
  for (Node& node : g.nodes) {
    if (node.consumers.empty()) node.graph_output = true;
  }
  return g;
}

namespace {

class DryRun {
 public:
  explicit DryRun(const std::vector<DryStage>& stages) : stages_(stages) {
    produced_.assign(stages.size(), 0);
    consumed_.resize(stages.size());
    peak_.resize(stages.size());
    out_edges_.resize(stages.size());
    for (size_t s = 0; s < stages.size(); ++s) {
      consumed_[s].assign(stages[s].inputs.size(), 0);
      peak_[s].assign(stages[s].inputs.size(), 0);
      for (size_t i = 0; i < stages[s].inputs.size(); ++i) {
        const int p = stages[s].inputs[i].producer;
        if (p >= 0) out_edges_[static_cast<size_t>(p)].push_back({static_cast<int>(s), i});
      }
    }
  }

  void ensure(int stage, int64_t count) {
    const auto s = static_cast<size_t>(stage);
    count = std::min(count, stages_[s].units);
    while (produced_[s] < count) fire(stage);
  }

  std::vector<std::vector<int64_t>> peaks() const { return peak_; }

 private:
  void fire(int stage) {
    const auto s = static_cast<size_t>(stage);
    const auto j = static_cast<size_t>(produced_[s]);
    for (size_t i = 0; i < stages_[s].inputs.size(); ++i) {
      const DryStage::In& in = stages_[s].inputs[i];
      const int64_t need = in.need[std::min(j, in.need.size() - 1)];
      if (in.producer >= 0) ensure(in.producer, need);
    }
    for (size_t i = 0; i < stages_[s].inputs.size(); ++i) {
      const DryStage::In& in = stages_[s].inputs[i];
      const int64_t need = in.need[std::min(j, in.need.size() - 1)];
      consumed_[s][i] = std::max(consumed_[s][i], need);
    }
    ++produced_[s];
    for (const auto& [consumer, input] : out_edges_[s]) {
      const auto c = static_cast<size_t>(consumer);
      peak_[c][input] = std::max(peak_[c][input], produced_[s] - consumed_[c][input]);
    }
  }

  const std::vector<DryStage>& stages_;
  std::vector<int64_t> produced_;
  std::vector<std::vector<int64_t>> consumed_;
  std::vector<std::vector<int64_t>> peak_;
  std::vector<std::vector<std::pair<int, size_t>>> out_edges_;
};

}  // namespace

std::vector<std::vector<int64_t>> dry_run_occupancy(const std::vector<DryStage>& stages) {
  DryRun run(stages);
  int64_t steps = 1;
  for (const DryStage& s : stages) {
    if (s.sink) steps = std::max(steps, s.units);
  }
  for (int64_t t = 1; t <= steps; ++t) {
    for (size_t s = 0; s < stages.size(); ++s) {
      if (!stages[s].sink) continue;
      run.ensure(static_cast<int>(s), (t * stages[s].units + steps - 1) / steps);
    }
  }
  return run.peaks();
}

}  // namespace axsim::dataflow
