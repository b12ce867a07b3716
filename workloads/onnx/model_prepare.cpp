#include "workloads/onnx/model_prepare.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <set>

#include "models/core/error.h"
#include "workloads/onnx/attributes.h"
#include "workloads/onnx/const_eval.h"

namespace axsim::onnx_import {

namespace {

using ::onnx::GraphProto;
using ::onnx::NodeProto;
using ::onnx::TensorProto;

// Folding stops after this many rounds of inference; each round folds at least one node, and
// real exporters' shape subgraphs are a few nodes deep.
constexpr int kMaxFoldRounds = 32;

int default_opset(const ::onnx::ModelProto& model) {
  for (const auto& entry : model.opset_import()) {
    if (entry.domain().empty() || entry.domain() == "ai.onnx")
      return static_cast<int>(entry.version());
  }
  return 1;
}

// The tensor a Constant node holds, or nothing for forms this importer does not read (sparse
// and string constants stay nodes and are reported as unsupported).
std::optional<Constant> constant_node_value(const NodeProto& node, const std::string& path) {
  const std::string where = path + ": Constant node '" + node.name() + "'";
  for (const ::onnx::AttributeProto& attr : node.attribute()) {
    Constant c;
    if (attr.name() == "value") return read_constant(attr.t(), where);
    if (attr.name() == "value_float") {
      c.elem_type = TensorProto::FLOAT;
      c.reals = {attr.f()};
    } else if (attr.name() == "value_floats") {
      c.elem_type = TensorProto::FLOAT;
      c.reals.assign(attr.floats().begin(), attr.floats().end());
      c.dims = {attr.floats_size()};
    } else if (attr.name() == "value_int") {
      c.elem_type = TensorProto::INT64;
      c.ints = {attr.i()};
    } else if (attr.name() == "value_ints") {
      c.elem_type = TensorProto::INT64;
      c.ints.assign(attr.ints().begin(), attr.ints().end());
      c.dims = {attr.ints_size()};
    } else {
      continue;
    }
    return c;
  }
  return std::nullopt;
}

// Keeps the nodes whose index is not in `removed`.
void remove_nodes(GraphProto& graph, const std::set<int>& removed) {
  if (removed.empty()) return;
  google::protobuf::RepeatedPtrField<NodeProto> kept;
  for (int i = 0; i < graph.node_size(); ++i) {
    if (removed.count(i) == 0) *kept.Add() = std::move(*graph.mutable_node(i));
  }
  graph.mutable_node()->Swap(&kept);
}

void add_constant(PreparedModel& prepared, const std::string& name, Constant value) {
  *prepared.model.mutable_graph()->add_initializer() = to_tensor_proto(value, name);
  prepared.constants[name] = std::make_shared<const Constant>(std::move(value));
}

void collect_constants(PreparedModel& prepared, const std::string& path) {
  GraphProto& graph = *prepared.model.mutable_graph();
  for (const TensorProto& t : graph.initializer()) {
    prepared.constants[t.name()] = std::make_shared<const Constant>(
        read_constant(t, path + ": initializer '" + t.name() + "'"));
  }
  std::set<int> removed;
  for (int i = 0; i < graph.node_size(); ++i) {
    const NodeProto& node = graph.node(i);
    if (node.op_type() != "Constant" || node.output_size() != 1) continue;
    if (std::optional<Constant> value = constant_node_value(node, path)) {
      add_constant(prepared, node.output(0), std::move(*value));
      removed.insert(i);
    }
  }
  remove_nodes(graph, removed);
  // Models from IR 3 and earlier list initializers among the inputs as defaults; for a
  // simulation they are constants.
  google::protobuf::RepeatedPtrField<::onnx::ValueInfoProto> inputs;
  for (const auto& input : graph.input()) {
    if (prepared.constants.count(input.name()) == 0) *inputs.Add() = input;
  }
  graph.mutable_input()->Swap(&inputs);
}

bool is_static(const ::onnx::TypeProto& type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return false;
  for (const auto& dim : type.tensor_type().shape().dim()) {
    if (!dim.has_dim_value() || dim.dim_value() <= 0) return false;
  }
  return true;
}

std::string dims_text(const std::vector<int64_t>& dims) {
  std::string text;
  for (int64_t d : dims) text += (text.empty() ? "" : "x") + std::to_string(d);
  return text;
}

// "[N,3,?,224]": a declared shape with its symbolic and unknown dimensions.
std::string describe_shape(const ::onnx::TypeProto& type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return "of unknown rank";
  std::string text = "[";
  bool first = true;
  for (const auto& dim : type.tensor_type().shape().dim()) {
    text += first ? "" : ",";
    first = false;
    if (dim.has_dim_value()) {
      text += std::to_string(dim.dim_value());
    } else if (dim.has_dim_param() && !dim.dim_param().empty()) {
      text += dim.dim_param();
    } else {
      text += "?";
    }
  }
  return text + "]";
}

void apply_input_shapes(GraphProto& graph,
                        const std::map<std::string, std::vector<int64_t>>& input_shapes,
                        const std::string& path) {
  for (const auto& [name, dims] : input_shapes) {
    ::onnx::ValueInfoProto* input = nullptr;
    std::string names;
    for (auto& candidate : *graph.mutable_input()) {
      if (candidate.name() == name) input = &candidate;
      names += (names.empty() ? "'" : ", '") + candidate.name() + "'";
    }
    if (input == nullptr) {
      throw core::InputError(path + ": --input-shape " + name + "=" + dims_text(dims) +
                             ": the model has no graph input '" + name + "' (its inputs: " + names +
                             ")");
    }
    auto* tensor = input->mutable_type()->mutable_tensor_type();
    if (tensor->has_shape() && tensor->shape().dim_size() != static_cast<int>(dims.size())) {
      throw core::InputError(path + ": --input-shape " + name + "=" + dims_text(dims) + " has " +
                             std::to_string(dims.size()) + " dimensions, but '" + name +
                             "' is declared with " + std::to_string(tensor->shape().dim_size()) +
                             ": " + describe_shape(input->type()));
    }
    tensor->mutable_shape()->clear_dim();
    for (int64_t d : dims) tensor->mutable_shape()->add_dim()->set_dim_value(d);
  }
}

void require_static_inputs(const GraphProto& graph, const std::string& path) {
  std::string problems, example;
  for (const auto& input : graph.input()) {
    if (!input.type().has_tensor_type()) {
      throw core::InputError(path + ": graph input '" + input.name() +
                             "' is not a tensor (sequences and maps are not supported)");
    }
    if (is_static(input.type())) continue;
    problems += (problems.empty() ? "" : "; ") + std::string("'") + input.name() + "' is " +
                describe_shape(input.type());
    std::string dims;
    for (const auto& dim : input.type().tensor_type().shape().dim()) {
      dims += (dims.empty() ? "" : "x") + (dim.has_dim_value() && dim.dim_value() > 0
                                               ? std::to_string(dim.dim_value())
                                               : std::string("<n>"));
    }
    example += " --input-shape " + input.name() + "=" + (dims.empty() ? "<dims>" : dims);
  }
  if (!problems.empty()) {
    throw core::InputError(path + ": graph inputs with dynamic shapes: " + problems +
                           ". A simulation needs fixed sizes: give them with" + example);
  }
}

// Graph outputs as exported often carry symbolic dimensions; inference fills in the values.
void forget_dynamic_output_shapes(GraphProto& graph) {
  for (auto& output : *graph.mutable_output()) {
    if (!is_static(output.type()) && output.type().has_tensor_type()) {
      output.mutable_type()->mutable_tensor_type()->clear_shape();
    }
  }
}

void infer_shapes(::onnx::ModelProto& model, const std::string& path) {
  model.mutable_graph()->clear_value_info();
  // Lenient: an operator ONNX cannot infer (a custom domain) leaves its outputs unknown, and
  // the importer reports it with the node that needs them.
  const ::onnx::ShapeInferenceOptions options(false, 0, true);
  try {
    ::onnx::shape_inference::InferShapes(model, ::onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    throw core::InputError(path + ": ONNX shape inference failed: " + e.what());
  }
}

std::map<std::string, std::vector<int64_t>> static_shapes(const GraphProto& graph) {
  std::map<std::string, std::vector<int64_t>> shapes;
  const auto add = [&](const ::onnx::ValueInfoProto& info) {
    if (!is_static(info.type())) return;
    std::vector<int64_t>& dims = shapes[info.name()];
    for (const auto& dim : info.type().tensor_type().shape().dim()) dims.push_back(dim.dim_value());
  };
  for (const auto& info : graph.input()) add(info);
  for (const auto& info : graph.value_info()) add(info);
  for (const auto& info : graph.output()) add(info);
  return shapes;
}

bool has_subgraph(const NodeProto& node) {
  for (const auto& attr : node.attribute()) {
    if (attr.has_g() || attr.graphs_size() > 0) return true;
  }
  return false;
}

// One pass in node order, so that a chain of constant nodes folds in a single pass.
int fold_pass(PreparedModel& prepared, int opset) {
  GraphProto& graph = *prepared.model.mutable_graph();
  const std::map<std::string, std::vector<int64_t>> shapes = static_shapes(graph);
  std::set<std::string> graph_outputs;
  for (const auto& output : graph.output()) graph_outputs.insert(output.name());
  std::set<int> folded;
  for (int i = 0; i < graph.node_size(); ++i) {
    const NodeProto& node = graph.node(i);
    // Quantization nodes on constants are how a quantized graph stores its weights: reading
    // them, not folding them, keeps the integer types and scales.
    const std::string& op = node.op_type();
    if (op == "QuantizeLinear" || op == "DequantizeLinear" || has_subgraph(node)) continue;
    bool foldable = node.output_size() > 0;
    for (const std::string& out : node.output()) foldable &= graph_outputs.count(out) == 0;
    std::vector<FoldInput> inputs;
    for (int j = 0; j < node.input_size() && foldable; ++j) {
      FoldInput in;
      const std::string& name = node.input(j);
      const auto constant = prepared.constants.find(name);
      const auto shape = shapes.find(name);
      if (constant != prepared.constants.end()) {
        in.value = constant->second.get();
        in.shape = &constant->second->dims;
      } else if (j == 0 && (op == "Shape" || op == "Size") && shape != shapes.end()) {
        in.shape = &shape->second;
      } else if (!name.empty()) {
        foldable = false;
      }
      inputs.push_back(in);
    }
    if (!foldable) continue;
    std::optional<std::vector<Constant>> results = evaluate_node(node, opset, inputs);
    if (!results || results->size() < static_cast<size_t>(node.output_size())) continue;
    for (int k = 0; k < node.output_size(); ++k) {
      if (!node.output(k).empty()) add_constant(prepared, node.output(k), std::move((*results)[k]));
    }
    folded.insert(i);
  }
  remove_nodes(graph, folded);
  return static_cast<int>(folded.size());
}

}  // namespace

PreparedModel prepare_model(::onnx::ModelProto model,
                            const std::map<std::string, std::vector<int64_t>>& input_shapes,
                            const std::string& path) {
  PreparedModel prepared;
  prepared.model = std::move(model);
  GraphProto& graph = *prepared.model.mutable_graph();
  collect_constants(prepared, path);
  apply_input_shapes(graph, input_shapes, path);
  require_static_inputs(graph, path);
  forget_dynamic_output_shapes(graph);
  const int opset = default_opset(prepared.model);
  infer_shapes(prepared.model, path);
  for (int round = 0; round < kMaxFoldRounds; ++round) {
    const int folded = fold_pass(prepared, opset);
    if (folded == 0) break;
    prepared.folded_nodes += folded;
    infer_shapes(prepared.model, path);
  }
  return prepared;
}

}  // namespace axsim::onnx_import
