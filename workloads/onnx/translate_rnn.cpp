#include "workloads/onnx/attributes.h"
#include "workloads/onnx/handlers.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

// ONNX LSTM, GRU and RNN as one `rnn` layer: input [S, B, I] (layout 0; layout 1's
// [B, S, I] is reshaped), weights W and R, bias, peepholes; initial states when they are
// activations (constant ones, usually zeros, cost nothing to read). Y is the layer's output;
// Y_h and Y_c, the last step's states, are read as a part of it: the same size, and what the
// trace models is sizes, not values.
void recurrent(Translator& t, const NodeProto& node) {
  const std::string& op = node.op_type();
  const std::string function = op == "LSTM" ? "lstm" : op == "GRU" ? "gru" : "rnn";
  const bool batch_first = attr_int(node, "layout", 0) == 1;
  Value x = t.value(input_name(node, 0), node);
  const std::vector<int64_t> xs = x.tensor.shape;
  if (xs.size() != 3) throw NotSupported("a recurrent input of shape " + shape_text(xs));
  if (batch_first) x = t.reshape(x, {xs[1], xs[0], xs[2]}, node, "sequence_first");
  const int64_t steps = x.tensor.shape[0], batch = x.tensor.shape[1];
  Layer layer;
  layer.op = Op::rnn;
  layer.attrs.function = function;
  layer.inputs = {{x.from, x.tensor}};
  std::vector<std::shared_ptr<const Constant>> values;
  const auto add_weight = [&](int input, const char* name) {
    const WeightData w = t.weight(input_name(node, input), std::string("recurrent ") + name);
    layer.weights.push_back({name, w.tensor});
    values.push_back(w.values);
  };
  add_weight(1, "W");
  add_weight(2, "R");
  const int64_t directions = layer.weights[0].tensor.shape.at(0);
  const int64_t hidden = layer.weights[1].tensor.shape.at(2);
  // Inputs: X W R B sequence_lens initial_h [initial_c P] (the last two LSTM only).
  const bool lstm = function == "lstm";
  const bool peepholes = lstm && !input_name(node, 7).empty();
  if (!input_name(node, 3).empty() || peepholes) {
    if (input_name(node, 3).empty()) {
      throw NotSupported("peepholes without a bias are not supported");
    }
    add_weight(3, "B");
  }
  if (peepholes) add_weight(7, "P");
  for (int i : lstm ? std::vector<int>{5, 6} : std::vector<int>{5}) {
    const std::string& state = input_name(node, i);
    if (state.empty() || !t.is_activation(state)) continue;
    if (i == 6 && layer.inputs.size() < 2) {
      throw NotSupported("an initial cell state without an initial hidden state");
    }
    layer.inputs.push_back(t.input(state, node));
  }
  const std::vector<int64_t> y = {steps, directions, batch, hidden};
  layer.output = x.tensor;
  layer.output.shape = y;
  layer.output.quant = {};
  const std::string name = t.add_layer(std::move(layer), node, "", values);
  const Value all = t.output_value(name);
  if (!output_name(node, 0).empty()) {
    const std::vector<int64_t> onnx_y =
        batch_first ? std::vector<int64_t>{batch, steps, directions, hidden} : y;
    t.bind_as(output_name(node, 0), name, onnx_y, node);
  }
  for (int k = 1; k < node.output_size(); ++k) {
    const std::string& state = node.output(k);
    if (state.empty() ||
        (t.graph().consumers(state).empty() && !t.graph().is_graph_output(state))) {
      continue;
    }
    Layer last;
    last.op = Op::slice;
    last.inputs = {{all.from, all.tensor}};
    last.output = all.tensor;
    last.output.shape = {1, directions, batch, hidden};
    const std::string part = t.add_layer(std::move(last), node, k == 1 ? "last_h" : "last_c");
    t.bind_as(state, part, t.graph().shape(state, node), node);
  }
}

}  // namespace

void add_rnn_handlers(HandlerMap& map) {
  map["LSTM"] = recurrent;
  map["GRU"] = recurrent;
  map["RNN"] = recurrent;
}

}  // namespace axsim::onnx_import
