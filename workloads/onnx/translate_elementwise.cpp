#include <cmath>
#include <limits>
#include <map>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/handlers.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

const std::map<std::string, std::string>& binary_functions() {
  static const std::map<std::string, std::string> functions = {
      {"Add", "add"}, {"Sum", "add"}, {"Sub", "sub"}, {"Mul", "mul"},
      {"Div", "div"}, {"Pow", "pow"}, {"Max", "max"}, {"Min", "min"},
  };
  return functions;
}

// Operators with the cost of one element operation each, as the trace's activation
// functions. Where ONNX has a variant the trace does not name, the nearest one stands in.
struct ActivationSpec {
  const char* function;
  const char* stands_in_for;  // non-null: the trace function only approximates the op
};

const std::map<std::string, ActivationSpec>& activations() {
  static const std::map<std::string, ActivationSpec> map = {
      {"Relu", {"relu", nullptr}},
      {"LeakyRelu", {"leaky_relu", nullptr}},
      {"Elu", {"elu", nullptr}},
      {"Selu", {"elu", "SELU (a scaled ELU)"}},
      {"Celu", {"elu", "CELU"}},
      {"ThresholdedRelu", {"relu", "a thresholded ReLU"}},
      {"PRelu", {"leaky_relu", "PReLU (its per-channel slopes are not stored)"}},
      {"Sigmoid", {"sigmoid", nullptr}},
      {"HardSigmoid", {"hardsigmoid", nullptr}},
      {"HardSwish", {"hardswish", nullptr}},
      {"Tanh", {"tanh", nullptr}},
      {"Softplus", {"softplus", nullptr}},
      {"Softsign", {"softsign", nullptr}},
      {"Mish", {"mish", nullptr}},
      {"Gelu", {"gelu", nullptr}},
      {"Exp", {"exp", nullptr}},
      {"Log", {"log", nullptr}},
      {"Sqrt", {"sqrt", nullptr}},
      {"Reciprocal", {"reciprocal", nullptr}},
      {"Abs", {"abs", nullptr}},
      {"Neg", {"neg", nullptr}},
      {"Erf", {"erf", nullptr}},
  };
  return map;
}

void elementwise(Translator& t, const NodeProto& node) {
  Layer layer;
  layer.op = Op::elementwise;
  layer.attrs.function = binary_functions().at(node.op_type());
  std::vector<std::shared_ptr<const Constant>> values;
  std::vector<std::string> constants;
  for (const std::string& in : node.input()) {
    if (in.empty()) continue;
    if (t.is_constant(in) && !t.is_activation(in)) {
      constants.push_back(in);
    } else {
      layer.inputs.push_back(t.input(in, node));
    }
  }
  // The format wants at least one activation; an operation of constants the folder could
  // not evaluate (a quantized constant) reads its first operand as one.
  if (layer.inputs.empty()) {
    layer.inputs.push_back(t.input(constants.front(), node));
    constants.erase(constants.begin());
  }
  for (const std::string& c : constants) {
    const WeightData w = t.weight(c, "operands");
    layer.weights.push_back({"operand", w.tensor});
    values.push_back(w.values);
  }
  if (layer.inputs.size() + layer.weights.size() < 2) {
    // Sum, Max and Min of a single tensor copy it.
    t.bind(output_name(node, 0), t.value(input_name(node, 0), node));
    return;
  }
  layer.output = t.tensor_of(output_name(node, 0), node);
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, "", values));
}

void emit_activation(Translator& t, const NodeProto& node, const std::string& function) {
  Layer layer;
  layer.op = Op::activation;
  layer.attrs.function = function;
  layer.inputs = {t.input(input_name(node, 0), node)};
  layer.output = t.tensor_of(output_name(node, 0), node);
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, ""));
}

void activation(Translator& t, const NodeProto& node) {
  const ActivationSpec& spec = activations().at(node.op_type());
  if (spec.stands_in_for != nullptr) {
    t.note(node,
           std::string("counted as ") + spec.function + ", standing in for " + spec.stands_in_for);
  }
  emit_activation(t, node, spec.function);
}

// Clip(0, 6) is ReLU6 and Clip(0, inf) ReLU; other bounds are the generic clip.
void clip(Translator& t, const NodeProto& node) {
  const double inf = std::numeric_limits<double>::infinity();
  double low = -inf, high = inf;
  bool known = true;
  if (t.opset() < 11) {
    low = attr_float(node, "min", -inf);
    high = attr_float(node, "max", inf);
  } else {
    for (int i = 1; i <= 2; ++i) {
      const std::string& bound = input_name(node, i);
      if (bound.empty()) continue;
      const std::shared_ptr<const Constant> c = t.constant(bound);
      if (!c || c->size() != 1) {
        known = false;
        continue;
      }
      (i == 1 ? low : high) = c->real(0);
    }
  }
  std::string function = "clip";
  if (known && low == 0.0 && high == 6.0) function = "relu6";
  if (known && low == 0.0 && std::isinf(high)) function = "relu";
  emit_activation(t, node, function);
}

}  // namespace

void add_elementwise_handlers(HandlerMap& map) {
  for (const auto& entry : binary_functions()) map[entry.first] = elementwise;
  for (const auto& entry : activations()) map[entry.first] = activation;
  map["Clip"] = clip;
}

}  // namespace axsim::onnx_import
