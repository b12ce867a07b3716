#include "workloads/onnx/pattern_support.h"

#include <cmath>
#include <limits>

#include "workloads/onnx/attributes.h"

namespace axsim::onnx_import::pattern {

namespace {

bool is_op(const NodeProto* node, const std::string& op) {
  return node != nullptr && node->op_type() == op &&
         (node->domain().empty() || node->domain() == "ai.onnx");
}

}  // namespace

const NodeProto* producer(const Graph& g, const std::string& name, const std::string& op) {
  const NodeProto* node = g.producer(name);
  return is_op(node, op) ? node : nullptr;
}

const NodeProto* only_reader(const Graph& g, const std::string& name, const std::string& op) {
  const std::vector<const NodeProto*>& readers = g.consumers(name);
  if (readers.size() != 1 || g.is_graph_output(name)) return nullptr;
  return is_op(readers[0], op) ? readers[0] : nullptr;
}

const std::string* other_input(const NodeProto& node, const std::string& name) {
  if (node.input_size() != 2) return nullptr;
  if (node.input(0) == name && node.input(1) != name) return &node.input(1);
  if (node.input(1) == name && node.input(0) != name) return &node.input(0);
  return nullptr;
}

std::optional<double> scalar(const Graph& g, const std::string& name) {
  const std::shared_ptr<const Constant> c = g.constant(name);
  if (!c || c->size() != 1) return std::nullopt;
  return c->real(0);
}

bool is_scalar(const Graph& g, const std::string& name, double value, double tolerance) {
  const std::optional<double> v = scalar(g, name);
  return v && std::fabs(*v - value) <= tolerance * std::max(1.0, std::fabs(value));
}

std::optional<std::pair<double, double>> clip_bounds(const Graph& g, const NodeProto& clip) {
  const double inf = std::numeric_limits<double>::infinity();
  if (g.opset() < 11)
    return std::make_pair(attr_float(clip, "min", -inf), attr_float(clip, "max", inf));
  std::pair<double, double> bounds{-inf, inf};
  for (int i = 1; i <= 2; ++i) {
    const std::string& bound = input_name(clip, i);
    if (bound.empty()) continue;
    const std::optional<double> v = scalar(g, bound);
    if (!v) return std::nullopt;
    (i == 1 ? bounds.first : bounds.second) = *v;
  }
  return bounds;
}

}  // namespace axsim::onnx_import::pattern
