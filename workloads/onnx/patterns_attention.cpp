#include <cmath>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/pattern_support.h"
#include "workloads/onnx/patterns.h"

namespace axsim::onnx_import {

namespace {

using pattern::only_reader;
using pattern::other_input;

// The attention block as shapes: q [B, H, Sq, D] (or [B*H, Sq, D], one head), k transposed
// [B, KH, D, Skv], v [B, KH, Skv, D].
struct AttentionShape {
  int64_t batch, heads, kv_heads, head_dim, q_len, kv_len;
};

std::optional<AttentionShape> attention_shape(const Graph& g, const std::string& q,
                                              const std::string& k_t, const std::string& v) {
  const auto qs = g.known_shape(q), ks = g.known_shape(k_t), vs = g.known_shape(v);
  if (!qs || !ks || !vs || qs->size() != ks->size() || qs->size() != vs->size())
    return std::nullopt;
  const size_t r = qs->size();
  if (r != 3 && r != 4) return std::nullopt;
  AttentionShape a{};
  a.batch = (*qs)[0];
  a.heads = r == 4 ? (*qs)[1] : 1;
  a.kv_heads = r == 4 ? (*ks)[1] : 1;
  a.q_len = (*qs)[r - 2];
  a.head_dim = (*qs)[r - 1];
  a.kv_len = (*ks)[r - 1];
  const bool consistent = (*ks)[0] == a.batch && (*vs)[0] == a.batch &&
                          (*ks)[r - 2] == a.head_dim && (*vs)[r - 2] == a.kv_len &&
                          (*vs)[r - 1] == a.head_dim && (r == 3 || (*vs)[1] == a.kv_heads) &&
                          a.kv_heads > 0 && a.heads % a.kv_heads == 0;
  if (!consistent) return std::nullopt;
  return a;
}

// A constant additive mask that blocks every key after the query's position: causal.
bool is_causal_mask(const Graph& g, const std::string& mask, int64_t q_len, int64_t kv_len) {
  const std::shared_ptr<const Constant> c = g.constant(mask);
  if (!c || c->dims.size() < 2 || c->dims[c->dims.size() - 2] != q_len ||
      c->dims.back() != kv_len) {
    return false;
  }
  const int64_t offset = kv_len - q_len;
  for (int64_t i = 0; i < q_len; ++i) {
    for (int64_t j = 0; j < kv_len; ++j) {
      const double v = c->real(static_cast<size_t>(i * kv_len + j));
      const bool blocked = j > i + offset;
      if (blocked ? !(v <= -1e4) : v != 0.0) return false;
    }
  }
  return true;
}

// MatMul(q, kT) [* or / scale] [+ mask] -> Softmax(last axis) -> MatMul(., v).
std::optional<Fusion> match_attention(const Graph& g, const NodeProto& softmax) {
  const std::optional<std::vector<int64_t>> scores = g.known_shape(softmax.input(0));
  if (!scores || scores->empty()) return std::nullopt;
  const int64_t rank = static_cast<int64_t>(scores->size());
  int64_t axis = attr_int(softmax, "axis", g.opset() < 13 ? 1 : -1);
  if (axis < 0) axis += rank;
  if (axis != rank - 1) return std::nullopt;
  const NodeProto* pv = only_reader(g, softmax.output(0), "MatMul");
  if (pv == nullptr || pv->input(0) != softmax.output(0)) return std::nullopt;

  std::vector<const NodeProto*> members = {&softmax};
  std::string mask;
  const NodeProto* qk = nullptr;
  std::string chain = softmax.input(0);
  for (int step = 0; step < 3 && qk == nullptr; ++step) {
    const NodeProto* p = g.producer(chain);
    if (p == nullptr || !p->domain().empty()) return std::nullopt;
    if (p->op_type() == "MatMul") {
      qk = p;
    } else if ((p->op_type() == "Mul" || p->op_type() == "Div") && p->input_size() == 2 &&
               pattern::scalar(g, p->input(1))) {
      chain = p->input(0);
    } else if (p->op_type() == "Mul" && p->input_size() == 2 && pattern::scalar(g, p->input(0))) {
      chain = p->input(1);
    } else if (p->op_type() == "Add" && p->input_size() == 2 && mask.empty()) {
      const NodeProto* left = g.producer(p->input(0));
      const bool left_is_chain =
          left != nullptr &&
          (left->op_type() == "MatMul" || left->op_type() == "Mul" || left->op_type() == "Div");
      chain = left_is_chain ? p->input(0) : p->input(1);
      mask = left_is_chain ? p->input(1) : p->input(0);
    } else {
      return std::nullopt;
    }
    members.insert(members.begin(), p);
  }
  if (qk == nullptr) return std::nullopt;
  const std::string q = qk->input(0), k_t = qk->input(1), v = pv->input(1);
  const std::optional<AttentionShape> shape = attention_shape(g, q, k_t, v);
  if (!shape) return std::nullopt;
  const bool causal = !mask.empty() && is_causal_mask(g, mask, shape->q_len, shape->kv_len);
  const bool dropped_mask = !mask.empty() && !causal;

  Fusion f;
  f.kind = "attention";
  f.anchor = pv;
  f.members = members;
  const AttentionShape a = *shape;
  f.emit = [pv, q, k_t, v, a, causal, dropped_mask](Translator& t) {
    const int64_t width = a.heads * a.head_dim, kv_width = a.kv_heads * a.head_dim;
    const Value q3 = t.reshape(t.value(q, *pv), {a.batch, a.q_len, width}, *pv, "q");
    const Value k3 = t.reshape(t.value(k_t, *pv), {a.batch, a.kv_len, kv_width}, *pv, "k");
    const Value v3 = t.reshape(t.value(v, *pv), {a.batch, a.kv_len, kv_width}, *pv, "v");
    trace::Layer layer;
    layer.op = trace::Op::attention;
    layer.inputs = {{q3.from, q3.tensor}, {k3.from, k3.tensor}, {v3.from, v3.tensor}};
    layer.attrs.heads = a.heads;
    layer.attrs.kv_heads = a.kv_heads;
    layer.attrs.head_dim = a.head_dim;
    layer.attrs.causal = causal;
    const trace::Tensor out = t.tensor_of(pv->output(0), *pv);
    layer.output = out;
    layer.output.shape = {a.batch, a.q_len, width};
    t.bind_as(pv->output(0), t.add_layer(std::move(layer), *pv, ""), out.shape, *pv);
    if (dropped_mask) {
      t.note(*pv,
             "the attention mask is not part of the fused attention layer (masking costs "
             "no more than the softmax it feeds)");
    }
  };
  return f;
}

}  // namespace

std::vector<Fusion> find_attention(const Graph& graph) {
  std::vector<Fusion> found;
  for (const NodeProto* node : graph.nodes()) {
    if (node->op_type() != "Softmax" || !node->domain().empty()) continue;
    if (std::optional<Fusion> f = match_attention(graph, *node)) found.push_back(std::move(*f));
  }
  return found;
}

}  // namespace axsim::onnx_import
