#include "workloads/onnx/attributes.h"
#include "workloads/onnx/pattern_support.h"
#include "workloads/onnx/patterns.h"

namespace axsim::onnx_import {

namespace {

using pattern::is_scalar;
using pattern::only_reader;
using pattern::other_input;
using pattern::producer;

Fusion activation_fusion(const std::string& function, const std::string& x, const NodeProto* anchor,
                         std::vector<const NodeProto*> members) {
  Fusion f;
  f.kind = function;
  f.anchor = anchor;
  f.members = std::move(members);
  f.emit = [function, x, anchor](Translator& t) {
    trace::Layer layer;
    layer.op = trace::Op::activation;
    layer.attrs.function = function;
    layer.inputs = {t.input(x, *anchor)};
    layer.output = t.tensor_of(anchor->output(0), *anchor);
    t.bind_output(anchor->output(0), t.add_layer(std::move(layer), *anchor, ""));
  };
  return f;
}

// x * Sigmoid(x) (SiLU), x * Sigmoid(b * x) (swish), x * HardSigmoid(x) (hard swish),
// x * Tanh(Softplus(x)) (Mish).
std::optional<Fusion> match_gated(const Graph& g, const NodeProto& gate) {
  const std::string& op = gate.op_type();
  std::vector<const NodeProto*> members = {&gate};
  std::string x = gate.input(0);
  std::string function = op == "Sigmoid" ? "silu" : op == "HardSigmoid" ? "hardswish" : "";
  const NodeProto* beta = op == "Sigmoid" ? producer(g, x, "Mul") : nullptr;
  if (beta != nullptr && only_reader(g, x, "Sigmoid") == &gate) {
    for (int i = 0; i < 2; ++i) {
      const std::optional<double> b = pattern::scalar(g, beta->input(1 - i));
      if (!b || g.is_constant(beta->input(i))) continue;
      members.insert(members.begin(), beta);
      x = beta->input(i);
      function = *b == 1.0 ? "silu" : "swish";
      break;
    }
  }
  if (op == "Tanh") {
    const NodeProto* softplus = producer(g, x, "Softplus");
    if (softplus == nullptr || only_reader(g, x, "Tanh") != &gate) return std::nullopt;
    members.insert(members.begin(), softplus);
    x = softplus->input(0);
    function = "mish";
  }
  if (function.empty()) return std::nullopt;
  const NodeProto* mul = only_reader(g, gate.output(0), "Mul");
  if (mul == nullptr) return std::nullopt;
  const std::string* other = other_input(*mul, gate.output(0));
  if (other == nullptr || *other != x) return std::nullopt;
  return activation_fusion(function, x, mul, members);
}

// x * Clip(x + 3, 0, 6) / 6, or x * (Clip(x + 3, 0, 6) / 6): hard swish written out.
std::optional<Fusion> match_hard_swish(const Graph& g, const NodeProto& add) {
  const std::string* x = nullptr;
  for (int i = 0; i < 2 && add.input_size() == 2; ++i) {
    if (is_scalar(g, add.input(1 - i), 3.0) && !g.is_constant(add.input(i))) x = &add.input(i);
  }
  if (x == nullptr) return std::nullopt;
  const NodeProto* clip = only_reader(g, add.output(0), "Clip");
  if (clip == nullptr) return std::nullopt;
  const auto bounds = pattern::clip_bounds(g, *clip);
  if (!bounds || bounds->first != 0.0 || bounds->second != 6.0) return std::nullopt;
  const auto divides_by_six = [&g](const NodeProto* n, const std::string& from) {
    if (n == nullptr) return false;
    const std::string* k = other_input(*n, from);
    if (k == nullptr) return false;
    return n->op_type() == "Div" ? (n->input(0) == from && is_scalar(g, *k, 6.0))
                                 : is_scalar(g, *k, 1.0 / 6.0);
  };
  const std::vector<const NodeProto*>& after_clip = g.consumers(clip->output(0));
  if (after_clip.size() != 1) return std::nullopt;
  const NodeProto* next = after_clip[0];
  if (next->op_type() == "Mul" && other_input(*next, clip->output(0)) &&
      *other_input(*next, clip->output(0)) == *x) {
    const std::vector<const NodeProto*>& last = g.consumers(next->output(0));
    if (last.size() == 1 && divides_by_six(last[0], next->output(0))) {
      return activation_fusion("hardswish", *x, last[0], {&add, clip, next});
    }
    return std::nullopt;
  }
  if (divides_by_six(next, clip->output(0))) {
    const NodeProto* mul = only_reader(g, next->output(0), "Mul");
    if (mul != nullptr && other_input(*mul, next->output(0)) &&
        *other_input(*mul, next->output(0)) == *x) {
      return activation_fusion("hardswish", *x, mul, {&add, clip, next});
    }
  }
  return std::nullopt;
}

// 0.5 * x * (1 + Erf(x / sqrt(2))) in the orders exporters write it: GELU.
std::optional<Fusion> match_gelu(const Graph& g, const NodeProto& erf) {
  const NodeProto* scale = g.producer(erf.input(0));
  if (scale == nullptr || only_reader(g, erf.input(0), "Erf") != &erf) return std::nullopt;
  const std::string* x = nullptr;
  if (scale->op_type() == "Div" && is_scalar(g, input_name(*scale, 1), 1.41421356)) {
    x = &scale->input(0);
  } else if (scale->op_type() == "Mul") {
    for (int i = 0; i < 2; ++i) {
      if (is_scalar(g, scale->input(1 - i), 0.70710678)) x = &scale->input(i);
    }
  }
  if (x == nullptr) return std::nullopt;
  const NodeProto* plus_one = only_reader(g, erf.output(0), "Add");
  if (plus_one == nullptr) return std::nullopt;
  const std::string* one = other_input(*plus_one, erf.output(0));
  if (one == nullptr || !is_scalar(g, *one, 1.0)) return std::nullopt;
  const NodeProto* mul = only_reader(g, plus_one->output(0), "Mul");
  if (mul == nullptr) return std::nullopt;
  const std::string* other = other_input(*mul, plus_one->output(0));
  if (other == nullptr) return std::nullopt;
  std::vector<const NodeProto*> members = {scale, &erf, plus_one};
  if (*other == *x) {
    // (x * (1 + erf)) * 0.5
    const NodeProto* half = only_reader(g, mul->output(0), "Mul");
    const std::string* k = half ? other_input(*half, mul->output(0)) : nullptr;
    if (k == nullptr || !is_scalar(g, *k, 0.5)) return std::nullopt;
    members.push_back(mul);
    return activation_fusion("gelu", *x, half, members);
  }
  // (x * 0.5) * (1 + erf)
  const NodeProto* half = producer(g, *other, "Mul");
  if (half == nullptr) return std::nullopt;
  const std::string* k = other_input(*half, *x);
  if (k == nullptr || !is_scalar(g, *k, 0.5)) return std::nullopt;
  members.push_back(half);
  return activation_fusion("gelu", *x, mul, members);
}

}  // namespace

std::vector<Fusion> find_activations(const Graph& graph) {
  std::vector<Fusion> found;
  for (const NodeProto* node : graph.nodes()) {
    if (!node->domain().empty()) continue;
    std::optional<Fusion> f;
    const std::string& op = node->op_type();
    if (op == "Sigmoid" || op == "HardSigmoid" || op == "Tanh") f = match_gated(graph, *node);
    if (op == "Add") f = match_hard_swish(graph, *node);
    if (op == "Erf") f = match_gelu(graph, *node);
    if (f) found.push_back(std::move(*f));
  }
  return found;
}

}  // namespace axsim::onnx_import
