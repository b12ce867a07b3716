#include "workloads/onnx/translator.h"

#include <algorithm>

#include "models/core/error.h"
#include "workloads/onnx/handlers.h"
#include "workloads/onnx/patterns.h"
#include "workloads/onnx/trace_fixup.h"
#include "workloads/onnx/types.h"

namespace axsim::onnx_import {

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

Translator::Translator(const Graph& graph, const ImportOptions& options, ImportReport& report)
    : graph_(graph), options_(options), report_(report) {}

trace::Trace Translator::run() {
  add_graph_inputs();
  const std::vector<Fusion> fusions = find_fusions(graph_);
  std::map<const NodeProto*, const Fusion*> anchors;
  std::set<const NodeProto*> members;
  for (const Fusion& f : fusions) {
    anchors[f.anchor] = &f;
    members.insert(f.members.begin(), f.members.end());
    in_fusion_.insert(f.anchor);
    in_fusion_.insert(f.members.begin(), f.members.end());
  }
  for (const NodeProto* node : graph_.nodes()) {
    if (absorbed_.count(node) || members.count(node)) continue;
    const auto anchor = anchors.find(node);
    if (anchor == anchors.end()) {
      translate(*node);
      continue;
    }
    const Fusion& fusion = *anchor->second;
    try {
      fusion.emit(*this);
      ++report_.fused[fusion.kind];
    } catch (const NotSupported&) {
      // The group as one layer does not fit (unusual shapes): its nodes one by one still do.
      // They all come before the anchor, so their inputs are translated already.
      for (const NodeProto* member : fusion.members) translate(*member);
      translate(*node);
    }
  }
  add_outputs();
  remove_dead_layers();
  match_inputs_to_producers(trace_);
  return trace_;
}

void Translator::add_graph_inputs() {
  for (const std::string& name : graph_.inputs()) {
    trace::Tensor tensor = make_tensor(graph_.known_shape(name).value_or(std::vector<int64_t>{}),
                                       graph_.elem_type(name));
    const StorageType type = storage_type(graph_.elem_type(name));
    if (type.zero_shift != 0) {
      // An unsigned input (an 8-bit image) is the signed type with its zero moved.
      tensor.quant.scheme = trace::QuantScheme::per_tensor;
      tensor.quant.scale = {1.0};
      tensor.quant.zero_point = {type.zero_shift};
    }
    names_.insert(name);
    trace_.inputs.push_back({name, tensor});
    values_[name] = Value{name, tensor, {0, 0, 0, 0}, false};
  }
}

void Translator::translate(const NodeProto& node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") {
    keep_on_cpu_or_reject(
        node, "operators of domain '" + node.domain() + "' are not standard ONNX operators");
    return;
  }
  const auto handler = handlers().find(node.op_type());
  if (handler == handlers().end()) {
    keep_on_cpu_or_reject(node, "no layer of the trace format describes " + node.op_type());
    return;
  }
  try {
    handler->second(*this, node);
  } catch (const NotSupported& e) {
    keep_on_cpu_or_reject(node, e.what());
  } catch (const std::out_of_range& e) {
    // An attribute or input list shorter than the operator defines: a malformed node that
    // ONNX's lenient shape inference let through.
    graph_.fail(node, std::string("malformed: an attribute or input is missing or too short (") +
                          e.what() + ")");
  }
}

void Translator::keep_on_cpu_or_reject(const NodeProto& node, const std::string& why) {
  if (options_.unsupported == Unsupported::cpu) {
    keep_on_cpu(node, why);
  } else {
    reject(node, why);
  }
}

std::string Translator::describe_inputs(const NodeProto& node) const {
  std::string text;
  for (const std::string& in : node.input()) {
    text += text.empty() ? "" : ", ";
    if (in.empty()) {
      text += "(omitted)";
      continue;
    }
    text += "'" + in + "'";
    if (const auto shape = graph_.known_shape(in)) text += " " + shape_text(*shape);
    if (graph_.is_constant(in)) text += " constant";
  }
  return text.empty() ? "none" : text;
}

void Translator::reject(const NodeProto& node, const std::string& why) const {
  throw core::InputError(graph_.path() + ": " + graph_.describe(node) + " with inputs " +
                         describe_inputs(node) + " is not supported: " + why +
                         " (--unsupported=cpu keeps it as a generic layer for the host CPU)");
}

void Translator::keep_on_cpu(const NodeProto& node, const std::string& why) {
  std::vector<trace::InputRef> inputs;
  std::vector<trace::Weight> weights;
  std::vector<std::shared_ptr<const Constant>> values;
  for (const std::string& in : node.input()) {
    if (in.empty()) continue;
    if (is_constant(in) && !is_activation(in)) {
      WeightData w = weight(in, "operand");
      weights.push_back({in, w.tensor});
      values.push_back(w.values);
      continue;
    }
    const Value& v = value(in, node);
    inputs.push_back({v.from, v.tensor});
  }
  std::string first;
  for (int k = 0; k < node.output_size(); ++k) {
    const std::string& out = node.output(k);
    if (out.empty() || (graph_.consumers(out).empty() && !graph_.is_graph_output(out))) continue;
    trace::Layer layer;
    layer.op = trace::Op::generic;
    layer.attrs.function = node.op_type();
    layer.inputs = inputs;
    // The work happens once: the first output's layer carries the weights.
    if (first.empty()) layer.weights = weights;
    layer.output = tensor_of(out, node);
    const std::string name =
        add_layer(std::move(layer), node, k == 0 ? "" : "output" + std::to_string(k),
                  first.empty() ? values : std::vector<std::shared_ptr<const Constant>>{});
    if (first.empty()) first = name;
    bind_output(out, name);
  }
  report_.cpu.push_back(
      {first.empty() ? graph_.describe(node) : first, node.op_type() + ": " + why});
}

const Value& Translator::value(const std::string& name, const NodeProto& node) {
  const auto found = values_.find(name);
  if (found != values_.end()) return found->second;
  if (!is_constant(name)) {
    graph_.fail(node, "reads '" + name + "' before any node produced it");
  }
  const WeightData w = weight(name, "operand");
  const std::string input_name = unique_name(name);
  trace_.inputs.push_back({input_name, w.tensor});
  promoted_.insert(input_name);
  note(node, "the constant '" + name + "' is read as a graph input: " + node.op_type() +
                 " layers hold no weights");
  return values_[name] = Value{input_name, w.tensor, {0, 0, 0, 0}, false};
}

trace::InputRef Translator::input(const std::string& name, const NodeProto& node) {
  const Value& v = value(name, node);
  if (v.padded) {
    throw NotSupported(
        "it reads the output of a Pad node, which only a convolution or pool "
        "can take over as its padding");
  }
  return {v.from, v.tensor};
}

bool Translator::is_constant(const std::string& name) const {
  return weights_.count(name) > 0 || graph_.is_constant(name);
}

WeightData Translator::weight(const std::string& name, const std::string& what) const {
  const auto found = weights_.find(name);
  if (found != weights_.end()) return found->second;
  std::shared_ptr<const Constant> c = graph_.constant(name);
  if (!c) {
    throw NotSupported(what + " ('" + name +
                       "') are computed at run time; the trace needs them "
                       "constant");
  }
  return WeightData{make_tensor(c->dims, c->elem_type), c, false};
}

std::shared_ptr<const Constant> Translator::constant(const std::string& name) const {
  const auto found = weights_.find(name);
  if (found != weights_.end()) return found->second.values;
  return graph_.constant(name);
}

void Translator::bind_weight(const std::string& name, WeightData weight) {
  weights_[name] = std::move(weight);
}

trace::Tensor Translator::tensor_of(const std::string& name, const NodeProto& node) const {
  const std::vector<int64_t> dims = graph_.shape(name, node);
  for (int64_t d : dims) {
    if (d < 1) {
      graph_.fail(node, "'" + name + "' has shape " + shape_text(dims) +
                            "; the trace format needs every dimension to be at least 1");
    }
  }
  return make_tensor(dims, graph_.elem_type(name));
}

std::string Translator::unique_name(const std::string& base) {
  if (names_.insert(base).second) return base;
  for (int i = 2;; ++i) {
    const std::string candidate = base + "_" + std::to_string(i);
    if (names_.insert(candidate).second) return candidate;
  }
}

std::string Translator::add_layer(trace::Layer layer, const NodeProto& node,
                                  const std::string& suffix,
                                  std::vector<std::shared_ptr<const Constant>> values) {
  std::string base = !node.name().empty()                                ? node.name()
                     : node.output_size() > 0 && !node.output(0).empty() ? node.output(0)
                                                                         : node.op_type();
  if (!suffix.empty()) base += "/" + suffix;
  layer.name = unique_name(base);
  values.resize(layer.weights.size());
  weight_values_[layer.name] = std::move(values);
  layer_index_[layer.name] = trace_.layers.size();
  trace_.layers.push_back(std::move(layer));
  return trace_.layers.back().name;
}

void Translator::bind_output(const std::string& name, const std::string& layer_name) {
  values_[name] = output_value(layer_name);
}

void Translator::bind(const std::string& name, Value value) { values_[name] = std::move(value); }

void Translator::bind_as(const std::string& name, const std::string& layer_name,
                         const std::vector<int64_t>& shape, const NodeProto& node) {
  if (layer(layer_name).output.shape == shape) {
    bind_output(name, layer_name);
  } else {
    bind(name, reshape(output_value(layer_name), shape, node, "as_onnx"));
  }
}

trace::Layer& Translator::layer(const std::string& name) {
  return trace_.layers.at(layer_index_.at(name));
}

const std::vector<std::shared_ptr<const Constant>>& Translator::weight_values(
    const std::string& layer) {
  return weight_values_[layer];
}

void Translator::set_weight_values(const std::string& layer,
                                   std::vector<std::shared_ptr<const Constant>> values) {
  weight_values_[layer] = std::move(values);
}

void Translator::set_fold_target(const std::string& name, FoldTarget target) {
  fold_targets_[name] = std::move(target);
}

std::optional<Translator::FoldTarget> Translator::fold_target(const std::string& name) const {
  const auto found = fold_targets_.find(name);
  if (found == fold_targets_.end()) return std::nullopt;
  return found->second;
}

Value Translator::output_value(const std::string& layer_name) {
  return Value{layer_name, layer(layer_name).output, {0, 0, 0, 0}, false};
}

Value Translator::reshape(const Value& in, std::vector<int64_t> shape, const NodeProto& node,
                          const std::string& suffix) {
  if (in.padded) {
    throw NotSupported(
        "it reshapes the output of a Pad node, which only a convolution or pool "
        "can take over as its padding");
  }
  if (in.tensor.shape == shape) return in;
  trace::InputRef source{in.from, in.tensor};
  // A reshape of a reshape is one reshape of the first one's input; the first becomes dead
  // unless something else reads it.
  if (has_layer(in.from) && layer(in.from).op == trace::Op::reshape) {
    source = layer(in.from).inputs.at(0);
    source.tensor.quant = in.tensor.quant;
    if (source.tensor.shape == shape) return Value{source.from, source.tensor, {0, 0, 0, 0}, false};
  }
  trace::Layer layer;
  layer.op = trace::Op::reshape;
  layer.inputs = {source};
  layer.output = in.tensor;
  layer.output.shape = std::move(shape);
  return output_value(add_layer(std::move(layer), node, suffix));
}

void Translator::set_produced_type(const std::string& from, const trace::Tensor& type) {
  trace::Tensor* produced = nullptr;
  if (has_layer(from)) {
    produced = &layer(from).output;
  } else {
    for (trace::GraphInput& in : trace_.inputs) {
      if (in.name == from) produced = &in.tensor;
    }
  }
  // The first quantization of a tensor decides how it is stored.
  if (produced == nullptr || trace::dtype_is_integer(produced->dtype)) return;
  produced->dtype = type.dtype;
  produced->bits = type.bits;
  produced->quant = type.quant;
}

bool Translator::can_absorb(const NodeProto& node) const {
  return in_fusion_.count(&node) == 0 && absorbed_.count(&node) == 0;
}

void Translator::absorb(const NodeProto& node) { absorbed_.insert(&node); }

void Translator::note(const NodeProto& node, const std::string& what) {
  report_.notes.push_back({graph_.describe(node), what});
}

void Translator::add_outputs() {
  for (const std::string& name : graph_.outputs()) {
    const auto found = values_.find(name);
    if (found == values_.end() || !has_layer(found->second.from)) {
      report_.notes.push_back({"output '" + name + "'",
                               "not computed by any layer (a constant or a graph input passed "
                               "through); left out of the trace's outputs"});
      continue;
    }
    const std::string& layer_name = found->second.from;
    if (std::find(trace_.outputs.begin(), trace_.outputs.end(), layer_name) ==
        trace_.outputs.end()) {
      trace_.outputs.push_back(layer_name);
    }
  }
  if (trace_.outputs.empty()) {
    throw core::InputError(graph_.path() + ": no graph output is computed by a layer");
  }
}

void Translator::remove_dead_layers() {
  std::set<std::string> live(trace_.outputs.begin(), trace_.outputs.end());
  for (size_t i = trace_.layers.size(); i-- > 0;) {
    const trace::Layer& l = trace_.layers[i];
    if (live.count(l.name) == 0) continue;
    for (const trace::InputRef& in : l.inputs) live.insert(in.from);
  }
  std::vector<trace::Layer> kept;
  for (trace::Layer& l : trace_.layers) {
    if (live.count(l.name)) kept.push_back(std::move(l));
  }
  trace_.layers = std::move(kept);
  layer_index_.clear();
  for (size_t i = 0; i < trace_.layers.size(); ++i) layer_index_[trace_.layers[i].name] = i;
  std::vector<trace::GraphInput> inputs;
  for (trace::GraphInput& in : trace_.inputs) {
    if (promoted_.count(in.name) == 0 || live.count(in.name)) inputs.push_back(std::move(in));
  }
  trace_.inputs = std::move(inputs);
}

}  // namespace axsim::onnx_import
