#include "workloads/onnx/graph.h"

#include <queue>
#include <set>

#include "models/core/error.h"

namespace axsim::onnx_import {

Graph::Graph(PreparedModel prepared, std::string path)
    : prepared_(std::move(prepared)), path_(std::move(path)) {
  for (const auto& entry : prepared_.model.opset_import()) {
    if (entry.domain().empty() || entry.domain() == "ai.onnx") {
      opset_ = static_cast<int>(entry.version());
    }
  }
  const ::onnx::GraphProto& graph = prepared_.model.graph();
  for (const auto& input : graph.input()) inputs_.push_back(input.name());
  for (const auto& output : graph.output()) outputs_.push_back(output.name());
  index_types();
  sort_nodes();
}

void Graph::index_types() {
  const ::onnx::GraphProto& graph = prepared_.model.graph();
  const auto add = [this](const ::onnx::ValueInfoProto& info) {
    if (!info.type().has_tensor_type()) return;
    const auto& tensor = info.type().tensor_type();
    if (tensor.elem_type() != 0) types_[info.name()] = tensor.elem_type();
    if (!tensor.has_shape()) return;
    std::vector<int64_t> dims;
    for (const auto& dim : tensor.shape().dim()) {
      if (!dim.has_dim_value() || dim.dim_value() < 0) return;
      dims.push_back(dim.dim_value());
    }
    shapes_[info.name()] = dims;
  };
  for (const auto& info : graph.input()) add(info);
  for (const auto& info : graph.value_info()) add(info);
  for (const auto& info : graph.output()) add(info);
  for (const auto& [name, value] : prepared_.constants) {
    shapes_[name] = value->dims;
    types_[name] = value->elem_type;
  }
}

// Kahn's algorithm, taking ready nodes in file order so that a sorted file keeps its order.
void Graph::sort_nodes() {
  const ::onnx::GraphProto& graph = prepared_.model.graph();
  const int n = graph.node_size();
  std::set<std::string> available(inputs_.begin(), inputs_.end());
  for (const auto& entry : prepared_.constants) available.insert(entry.first);
  for (int i = 0; i < n; ++i) {
    for (const std::string& out : graph.node(i).output()) {
      if (!out.empty()) producer_[out] = &graph.node(i);
    }
  }
  std::map<const NodeProto*, int> index;
  std::vector<int> waiting(static_cast<size_t>(n), 0);
  std::map<std::string, std::vector<int>> readers;
  for (int i = 0; i < n; ++i) {
    const NodeProto& node = graph.node(i);
    index[&node] = i;
    std::set<std::string> needs;
    for (const std::string& in : node.input()) {
      if (in.empty()) continue;
      std::vector<const NodeProto*>& readers_of_in = consumers_[in];
      if (readers_of_in.empty() || readers_of_in.back() != &node) readers_of_in.push_back(&node);
      if (available.count(in)) continue;
      if (producer_.count(in) == 0) {
        fail(node, "reads '" + in +
                       "', which no node, initializer or graph input provides (a truncated or "
                       "broken file?)");
      }
      needs.insert(in);
    }
    waiting[static_cast<size_t>(i)] = static_cast<int>(needs.size());
    for (const std::string& in : needs) readers[in].push_back(i);
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i) {
    if (waiting[static_cast<size_t>(i)] == 0) ready.push(i);
  }
  while (!ready.empty()) {
    const int i = ready.top();
    ready.pop();
    order_.push_back(&graph.node(i));
    for (const std::string& out : graph.node(i).output()) {
      for (int reader : readers[out]) {
        if (--waiting[static_cast<size_t>(reader)] == 0) ready.push(reader);
      }
    }
  }
  if (static_cast<int>(order_.size()) != n) {
    for (int i = 0; i < n; ++i) {
      if (waiting[static_cast<size_t>(i)] > 0) fail(graph.node(i), "is part of a cycle");
    }
  }
}

bool Graph::is_graph_output(const std::string& name) const {
  for (const std::string& output : outputs_) {
    if (output == name) return true;
  }
  return false;
}

bool Graph::is_constant(const std::string& name) const {
  return prepared_.constants.count(name) > 0;
}

std::shared_ptr<const Constant> Graph::constant(const std::string& name) const {
  const auto found = prepared_.constants.find(name);
  return found == prepared_.constants.end() ? nullptr : found->second;
}

std::optional<std::vector<int64_t>> Graph::known_shape(const std::string& name) const {
  const auto found = shapes_.find(name);
  if (found == shapes_.end()) return std::nullopt;
  return found->second;
}

std::vector<int64_t> Graph::shape(const std::string& name, const NodeProto& user) const {
  const auto found = shapes_.find(name);
  if (found == shapes_.end()) {
    fail(user, "the shape of '" + name +
                   "' is not known after shape inference (it depends on data, or on an "
                   "operator ONNX cannot infer)");
  }
  return found->second;
}

int32_t Graph::elem_type(const std::string& name) const {
  const auto found = types_.find(name);
  return found == types_.end() ? 0 : found->second;
}

const NodeProto* Graph::producer(const std::string& name) const {
  const auto found = producer_.find(name);
  return found == producer_.end() ? nullptr : found->second;
}

const std::vector<const NodeProto*>& Graph::consumers(const std::string& name) const {
  static const std::vector<const NodeProto*> kNone;
  const auto found = consumers_.find(name);
  return found == consumers_.end() ? kNone : found->second;
}

std::string Graph::describe(const NodeProto& node) const {
  if (!node.name().empty()) return "node '" + node.name() + "' (" + node.op_type() + ")";
  const std::string out = node.output_size() > 0 ? node.output(0) : std::string();
  return "node " + node.op_type() + " producing '" + out + "'";
}

void Graph::fail(const NodeProto& node, const std::string& what) const {
  throw core::InputError(path_ + ": " + describe(node) + ": " + what);
}

}  // namespace axsim::onnx_import
