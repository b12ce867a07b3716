#include <numeric>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/norm_emit.h"
#include "workloads/onnx/pattern_support.h"
#include "workloads/onnx/patterns.h"

namespace axsim::onnx_import {

namespace {

using pattern::only_reader;
using pattern::other_input;

std::optional<std::vector<int64_t>> reduce_axes(const Graph& g, const NodeProto& reduce) {
  if (attr_int(reduce, "keepdims", 1) != 1) return std::nullopt;
  if (has_attr(reduce, "axes")) return attr_ints(reduce, "axes");
  const std::shared_ptr<const Constant> c = g.constant(input_name(reduce, 1));
  if (!c) return std::nullopt;
  std::vector<int64_t> axes;
  for (size_t i = 0; i < static_cast<size_t>(c->size()); ++i) axes.push_back(c->integer(i));
  return axes;
}

// The first normalised axis when `axes` are the trailing axes of a rank-`rank` tensor.
std::optional<int64_t> trailing_from(std::vector<int64_t> axes, int64_t rank) {
  if (axes.empty()) return std::nullopt;
  for (int64_t& a : axes) a = a < 0 ? a + rank : a;
  std::sort(axes.begin(), axes.end());
  for (size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] != rank - static_cast<int64_t>(axes.size() - i)) return std::nullopt;
  }
  return axes.front();
}

// A constant with as many elements as one normalised row: a gain or bias.
bool is_row_constant(const Graph& g, const std::string& name, int64_t row) {
  const std::shared_ptr<const Constant> c = g.constant(name);
  return c && c->size() == row;
}

// mean = ReduceMean(x); d = x - mean; var = ReduceMean(d^2) (Pow(d, 2) or d*d);
// y = d / Sqrt(var + eps) [* gain [+ bias]]: what exporters write for LayerNorm before
// opset 17 gave it an operator.
std::optional<Fusion> match_layer_norm(const Graph& g, const NodeProto& mean) {
  const std::string& x = mean.input(0);
  const std::optional<std::vector<int64_t>> shape = g.known_shape(x);
  const std::optional<std::vector<int64_t>> axes = reduce_axes(g, mean);
  if (!shape || !axes) return std::nullopt;
  const int64_t rank = static_cast<int64_t>(shape->size());
  const std::optional<int64_t> axis = trailing_from(*axes, rank);
  if (!axis) return std::nullopt;
  const NodeProto* sub = only_reader(g, mean.output(0), "Sub");
  if (sub == nullptr || sub->input(0) != x) return std::nullopt;
  const std::string& d = sub->output(0);
  const NodeProto* square = nullptr;
  const NodeProto* div = nullptr;
  for (const NodeProto* reader : g.consumers(d)) {
    if (reader->op_type() == "Div" && reader->input(0) == d) div = reader;
    if (reader->op_type() == "Pow" && pattern::is_scalar(g, input_name(*reader, 1), 2.0))
      square = reader;
    if (reader->op_type() == "Mul" && reader->input(0) == d && reader->input(1) == d)
      square = reader;
  }
  if (square == nullptr || div == nullptr || g.consumers(d).size() != 2) return std::nullopt;
  const NodeProto* variance = only_reader(g, square->output(0), "ReduceMean");
  if (variance == nullptr || reduce_axes(g, *variance) != axes) return std::nullopt;
  const NodeProto* add_eps = only_reader(g, variance->output(0), "Add");
  if (add_eps == nullptr) return std::nullopt;
  const std::string* eps = other_input(*add_eps, variance->output(0));
  if (eps == nullptr || !pattern::scalar(g, *eps)) return std::nullopt;
  const NodeProto* sqrt = only_reader(g, add_eps->output(0), "Sqrt");
  if (sqrt == nullptr || only_reader(g, sqrt->output(0), "Div") != div) return std::nullopt;
  if (div->input(1) != sqrt->output(0)) return std::nullopt;

  Fusion f;
  f.kind = "layer norm";
  f.members = {&mean, sub, square, variance, add_eps, sqrt};
  f.anchor = div;
  const int64_t row =
      std::accumulate(shape->begin() + *axis, shape->end(), int64_t{1}, std::multiplies<int64_t>());
  std::string gain, bias;
  if (const NodeProto* mul = only_reader(g, div->output(0), "Mul")) {
    const std::string* other = other_input(*mul, div->output(0));
    if (other != nullptr && is_row_constant(g, *other, row)) {
      gain = *other;
      f.members.push_back(div);
      f.anchor = mul;
      if (const NodeProto* add = only_reader(g, mul->output(0), "Add")) {
        const std::string* shift = other_input(*add, mul->output(0));
        if (shift != nullptr && is_row_constant(g, *shift, row)) {
          bias = *shift;
          f.members.push_back(mul);
          f.anchor = add;
        }
      }
    }
  }
  const NodeProto* anchor = f.anchor;
  const int64_t first_axis = *axis;
  f.emit = [anchor, x, first_axis, gain, bias](Translator& t) {
    emit_layer_norm(t, *anchor, x, first_axis, gain, bias, anchor->output(0));
  };
  return f;
}

}  // namespace

std::vector<Fusion> find_layer_norms(const Graph& graph) {
  std::vector<Fusion> found;
  for (const NodeProto* node : graph.nodes()) {
    if (node->op_type() != "ReduceMean" || !node->domain().empty()) continue;
    if (std::optional<Fusion> f = match_layer_norm(graph, *node)) found.push_back(std::move(*f));
  }
  return found;
}

}  // namespace axsim::onnx_import
