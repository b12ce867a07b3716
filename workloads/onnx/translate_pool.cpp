#include <set>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/handlers.h"
#include "workloads/onnx/window.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

// Binds the node's output to `name`'s output, reshaping back to 1-D when the node was.
void bind_pooled(Translator& t, const NodeProto& node, const std::string& name,
                 const std::vector<int64_t>& onnx_shape) {
  t.bind_as(output_name(node, 0), name, onnx_shape, node);
}

void pool(Translator& t, const NodeProto& node) {
  const std::string& indices = output_name(node, 1);
  if (!indices.empty() && !t.graph().consumers(indices).empty()) {
    throw NotSupported("the indices output of MaxPool is not supported");
  }
  const Value x = t.value(input_name(node, 0), node);
  const std::vector<int64_t> seen = t.graph().shape(input_name(node, 0), node);
  if (seen.size() < 3) throw NotSupported("pooling needs an [N, C, ...] input");
  if (!has_attr(node, "kernel_shape")) throw NotSupported("pooling without kernel_shape");
  Window window = read_window(node, {seen.begin() + 2, seen.end()}, {});
  if (window.dilation != std::array<int64_t, 2>{1, 1}) {
    throw NotSupported("dilated pooling is not supported");
  }
  add_padding(window, x);
  const Value x4 = as_nchw(t, x, node);
  Layer layer;
  layer.op = node.op_type() == "MaxPool" ? Op::max_pool : Op::avg_pool;
  layer.inputs = {{x4.from, x4.tensor}};
  layer.attrs.kernel = window.kernel;
  layer.attrs.stride = window.stride;
  layer.attrs.padding = window.padding;
  const trace::Tensor out = t.tensor_of(output_name(node, 0), node);
  layer.output = out;
  if (out.shape.size() == 3) layer.output.shape = {out.shape[0], out.shape[1], 1, out.shape[2]};
  bind_pooled(t, node, t.add_layer(std::move(layer), node, ""), out.shape);
}

// A pool over all of H and W: global_avg_pool, or a max_pool whose window is the whole map.
void emit_global_pool(Translator& t, const NodeProto& node, bool max) {
  const trace::InputRef x = t.input(input_name(node, 0), node);
  const std::vector<int64_t>& s = x.tensor.shape;
  if (s.size() != 3 && s.size() != 4) {
    throw NotSupported("global pooling over " + std::to_string(s.size() - 2) +
                       " spatial dimensions is not supported");
  }
  const Value x4 = as_nchw(t, Value{x.from, x.tensor, {0, 0, 0, 0}, false}, node);
  Layer layer;
  layer.op = max ? Op::max_pool : Op::global_avg_pool;
  if (max) layer.attrs.kernel = {x4.tensor.shape[2], x4.tensor.shape[3]};
  layer.inputs = {{x4.from, x4.tensor}};
  layer.output = x4.tensor;
  layer.output.shape = {s[0], s[1], 1, 1};
  bind_pooled(t, node, t.add_layer(std::move(layer), node, ""),
              t.graph().shape(output_name(node, 0), node));
}

void global_pool(Translator& t, const NodeProto& node) {
  emit_global_pool(t, node, node.op_type() == "GlobalMaxPool");
}

// ReduceMean / ReduceMax over H and W of an NCHW tensor is a global pool; other reductions
// have no layer.
void spatial_reduce(Translator& t, const NodeProto& node) {
  std::vector<int64_t> axes = attr_ints(node, "axes");
  if (!has_attr(node, "axes") && !input_name(node, 1).empty()) {
    const std::shared_ptr<const Constant> c = t.constant(input_name(node, 1));
    if (!c) throw NotSupported("reduction axes computed at run time");
    for (size_t i = 0; i < static_cast<size_t>(c->size()); ++i) axes.push_back(c->integer(i));
  }
  const std::vector<int64_t> in = t.graph().shape(input_name(node, 0), node);
  const int64_t rank = static_cast<int64_t>(in.size());
  std::set<int64_t> normalized;
  for (int64_t a : axes) normalized.insert(a < 0 ? a + rank : a);
  if (rank != 4 || normalized != std::set<int64_t>{2, 3}) {
    throw NotSupported(node.op_type() + " over axes " + shape_text(axes) + " of " + shape_text(in) +
                       " (only a reduction over H and W of [N, C, H, W], a global pool, is)");
  }
  emit_global_pool(t, node, node.op_type() == "ReduceMax");
}

// A zero Pad before a convolution or pool is that layer's padding; the value read from the
// Pad carries it until then.
void pad(Translator& t, const NodeProto& node) {
  if (attr_string(node, "mode", "constant") != "constant") {
    throw NotSupported("pad mode '" + attr_string(node, "mode", "") +
                       "' (only constant padding before a convolution or pool is supported)");
  }
  std::vector<int64_t> pads = attr_ints(node, t.opset() < 2 ? "paddings" : "pads");
  if (t.opset() >= 11) {
    const std::shared_ptr<const Constant> c = t.constant(input_name(node, 1));
    if (!c) throw NotSupported("pads computed at run time");
    pads.clear();
    for (size_t i = 0; i < static_cast<size_t>(c->size()); ++i) pads.push_back(c->integer(i));
  }
  const Value x = t.value(input_name(node, 0), node);
  const size_t rank = x.tensor.shape.size();
  bool spatial_only =
      (rank == 3 || rank == 4) && pads.size() == 2 * rank && input_name(node, 3).empty();
  for (size_t i = 0; spatial_only && i < pads.size(); ++i) {
    spatial_only = pads[i] >= 0 && (i % rank >= 2 || pads[i] == 0);
  }
  if (!spatial_only) {
    throw NotSupported("padding " + shape_text(pads) + " of " + shape_text(x.tensor.shape) +
                       " (only non-negative padding of the spatial dimensions is supported)");
  }
  static const std::set<std::string> takers = {"Conv", "ConvInteger", "QLinearConv", "MaxPool",
                                               "AveragePool"};
  const std::string& out = output_name(node, 0);
  for (const NodeProto* reader : t.graph().consumers(out)) {
    if (takers.count(reader->op_type()) == 0 || reader->input(0) != out) {
      throw NotSupported("its output feeds " + reader->op_type() +
                         "; only padding read by a convolution or pool is supported");
    }
  }
  if (t.graph().is_graph_output(out)) throw NotSupported("a padded graph output");
  Value padded = x;
  const size_t h = rank == 4 ? 2 : 0;  // a 1-D tensor has no height
  const std::array<int64_t, 4> add = {h ? pads[h] : 0, pads[rank - 1], h ? pads[rank + h] : 0,
                                      pads[2 * rank - 1]};
  for (size_t i = 0; i < 4; ++i) padded.pad[i] += add[i];
  padded.padded = true;
  t.bind(out, padded);
}

}  // namespace

void add_pool_handlers(HandlerMap& map) {
  map["MaxPool"] = pool;
  map["AveragePool"] = pool;
  map["GlobalAveragePool"] = global_pool;
  map["GlobalMaxPool"] = global_pool;
  map["ReduceMean"] = spatial_reduce;
  map["ReduceMax"] = spatial_reduce;
  map["Pad"] = pad;
}

}  // namespace axsim::onnx_import
