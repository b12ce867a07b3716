#include "workloads/onnx/attributes.h"
#include "workloads/onnx/handlers.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

// Operators that only change how elements are laid out: a free reshape in the trace. A
// machine either reads the new layout in place or pays for the copy in its data movement,
// which the trace's byte counts already carry.
void reshape_like(Translator& t, const NodeProto& node) {
  const Value in = t.value(input_name(node, 0), node);
  const trace::Tensor out = t.tensor_of(output_name(node, 0), node);
  const int64_t rank = static_cast<int64_t>(in.tensor.shape.size());
  if (node.op_type() == "Flatten" && attr_int(node, "axis", 1) == 1 && rank >= 2 &&
      in.tensor.shape != out.shape && !in.padded) {
    Layer layer;
    layer.op = Op::flatten;
    layer.inputs = {{in.from, in.tensor}};
    layer.output = out;
    t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, ""));
    return;
  }
  t.bind(output_name(node, 0), t.reshape(in, out.shape, node, ""));
}

// Operators that leave the tensor as it is for the trace: Identity, inference-time Dropout,
// and Cast (the trace keeps one type per tensor, its producer's).
void alias(Translator& t, const NodeProto& node) {
  for (int k = 1; k < node.output_size(); ++k) {
    if (!node.output(k).empty() && !t.graph().consumers(node.output(k)).empty()) {
      throw NotSupported("the mask output of Dropout is not supported");
    }
  }
  t.bind(output_name(node, 0), t.value(input_name(node, 0), node));
}

void expand(Translator& t, const NodeProto& node) {
  const Value in = t.value(input_name(node, 0), node);
  if (t.graph().shape(output_name(node, 0), node) != in.tensor.shape) {
    throw NotSupported("expanding " + shape_text(in.tensor.shape) + " to " +
                       shape_text(t.graph().shape(output_name(node, 0), node)) +
                       " (a broadcast copy) has no layer");
  }
  t.bind(output_name(node, 0), in);
}

void concat(Translator& t, const NodeProto& node) {
  Layer layer;
  layer.op = Op::concat;
  layer.attrs.axis = attr_int(node, "axis", 0);
  for (const std::string& in : node.input()) {
    if (!in.empty()) layer.inputs.push_back(t.input(in, node));
  }
  if (layer.inputs.size() == 1) {
    t.bind(output_name(node, 0), t.value(input_name(node, 0), node));
    return;
  }
  layer.output = t.tensor_of(output_name(node, 0), node);
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, ""));
}

// Output `k` of the node as a part of its input: a `slice` layer, or the input itself when
// the part is all of it.
void emit_part(Translator& t, const NodeProto& node, const trace::InputRef& x, int k,
               const std::string& suffix) {
  const std::string& out = output_name(node, k);
  if (out.empty()) return;
  const trace::Tensor part = t.tensor_of(out, node);
  if (part.shape == x.tensor.shape) {
    t.bind(out, t.value(input_name(node, 0), node));
    return;
  }
  Layer layer;
  layer.op = Op::slice;
  layer.inputs = {x};
  layer.output = part;
  t.bind_output(out, t.add_layer(std::move(layer), node, suffix));
}

void split(Translator& t, const NodeProto& node) {
  const trace::InputRef x = t.input(input_name(node, 0), node);
  for (int k = 0; k < node.output_size(); ++k) {
    emit_part(t, node, x, k, k == 0 ? "" : "part" + std::to_string(k));
  }
}

void slice(Translator& t, const NodeProto& node) {
  emit_part(t, node, t.input(input_name(node, 0), node), 0, "");
}

// Gather from a constant table by run-time ids is an embedding lookup; gather of constant
// indices from an activation takes a part of it (q, k and v out of a fused projection).
void gather(Translator& t, const NodeProto& node) {
  const std::string& data = input_name(node, 0);
  const std::string& indices = input_name(node, 1);
  const int64_t axis = attr_int(node, "axis", 0);
  if (t.is_constant(data) && !t.is_activation(data) && !t.is_constant(indices)) {
    const WeightData table = t.weight(data, "embedding tables");
    if (table.tensor.shape.size() != 2 || (axis != 0 && axis != -2)) {
      throw NotSupported("a lookup in a table of shape " + shape_text(table.tensor.shape) +
                         " along axis " + std::to_string(axis) +
                         " (embeddings look up rows of a 2-D table)");
    }
    Layer layer;
    layer.op = Op::embedding;
    layer.inputs = {t.input(indices, node)};
    layer.weights = {{"table", table.tensor}};
    layer.output = t.tensor_of(output_name(node, 0), node);
    t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, "", {table.values}));
    return;
  }
  const std::shared_ptr<const Constant> picks = t.constant(indices);
  if (!picks || t.is_activation(indices)) {
    throw NotSupported("a gather with indices computed at run time has no layer");
  }
  const trace::InputRef x = t.input(data, node);
  const int64_t rank = static_cast<int64_t>(x.tensor.shape.size());
  if (axis < -rank || axis >= rank) throw NotSupported("axis outside the input");
  std::vector<int64_t> part = x.tensor.shape;
  part[static_cast<size_t>(axis < 0 ? axis + rank : axis)] = std::max<int64_t>(1, picks->size());
  const trace::Tensor out = t.tensor_of(output_name(node, 0), node);
  if (part == x.tensor.shape) {
    t.bind(output_name(node, 0), t.reshape(t.value(data, node), out.shape, node, ""));
    return;
  }
  Layer layer;
  layer.op = Op::slice;
  layer.inputs = {x};
  layer.output = out;
  layer.output.shape = part;
  t.bind_as(output_name(node, 0), t.add_layer(std::move(layer), node, ""), out.shape, node);
}

void resize(Translator& t, const NodeProto& node) {
  const trace::InputRef x = t.input(input_name(node, 0), node);
  const trace::Tensor out = t.tensor_of(output_name(node, 0), node);
  const std::vector<int64_t>& s = x.tensor.shape;
  if (s.size() != 4 || out.shape.size() != 4 || out.shape[0] != s[0] || out.shape[1] != s[1]) {
    throw NotSupported("resizing " + shape_text(s) + " to " + shape_text(out.shape) +
                       " (only H and W of an [N, C, H, W] tensor are resized)");
  }
  if (out.shape == s) {
    t.bind(output_name(node, 0), t.value(input_name(node, 0), node));
    return;
  }
  const std::string mode = attr_string(node, "mode", "nearest");
  Layer layer;
  layer.op = Op::resize;
  layer.attrs.mode = mode == "nearest" ? "nearest" : "bilinear";
  if (mode == "cubic") t.note(node, "cubic resize counted as bilinear");
  layer.inputs = {x};
  layer.output = out;
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, ""));
}

}  // namespace

void add_layout_handlers(HandlerMap& map) {
  for (const char* op : {"Reshape", "Squeeze", "Unsqueeze", "Transpose", "Flatten", "DepthToSpace",
                         "SpaceToDepth"}) {
    map[op] = reshape_like;
  }
  for (const char* op : {"Identity", "Dropout", "Cast", "CastLike"}) map[op] = alias;
  map["Expand"] = expand;
  map["Concat"] = concat;
  map["Split"] = split;
  map["Slice"] = slice;
  map["Gather"] = gather;
  map["Resize"] = resize;
  map["Upsample"] = resize;
}

}  // namespace axsim::onnx_import
