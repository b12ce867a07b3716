#include <cstdint>

#include "workloads/trace/validate_support.h"

namespace axsim::trace {

namespace {

// Gates per cell: an LSTM computes input, output, forget and cell gates, a GRU update, reset
// and hidden gates, a plain RNN one.
int64_t gates_of(const LayerCheck& c) {
  const std::string& f = c.layer().attrs.function;
  if (f == "lstm") return 4;
  if (f == "gru") return 3;
  if (f == "rnn") return 1;
  c.fail("function '" + f + "' is not one of: lstm, gru, rnn");
}

void require_shape(const LayerCheck& c, const Tensor& t, const std::string& what,
                   const std::vector<int64_t>& expected, const std::string& rule) {
  if (t.shape != expected) {
    c.fail(what + " shape " + shape_string(t.shape) + " must be " + shape_string(expected) + " (" +
           rule + ")");
  }
}

}  // namespace

void check_rnn(const LayerCheck& c) {
  const int64_t gates = gates_of(c);
  const Layer& l = c.layer();
  c.require_inputs(1, gates == 4 ? 3 : 2);
  c.require_weights(2, gates == 4 ? 4 : 3);
  const Tensor& x = l.inputs[0].tensor;
  const Tensor& w = l.weights[0].tensor;
  c.require_rank(x, "input", 3, 3);
  c.require_rank(w, "weights[0] (W)", 3, 3);
  const int64_t steps = x.shape[0], batch = x.shape[1], in = x.shape[2];
  const int64_t directions = w.shape[0];
  if (directions != 1 && directions != 2) {
    c.fail("weights[0] (W) shape " + shape_string(w.shape) + " must start with 1 or 2 directions");
  }
  if (w.shape[1] % gates != 0) {
    c.fail("weights[0] (W) shape " + shape_string(w.shape) + " must hold " + std::to_string(gates) +
           " gates of the hidden size in its second dimension");
  }
  const int64_t hidden = w.shape[1] / gates;
  const std::string gh = std::to_string(gates) + " gates x hidden " + std::to_string(hidden);
  require_shape(c, w, "weights[0] (W)", {directions, gates * hidden, in},
                "[directions, " + gh + ", input size]");
  require_shape(c, l.weights[1].tensor, "weights[1] (R)", {directions, gates * hidden, hidden},
                "[directions, " + gh + ", hidden]");
  if (l.weights.size() > 2) {
    require_shape(c, l.weights[2].tensor, "weights[2] (bias)", {directions, 2 * gates * hidden},
                  "input and recurrent bias of every gate");
  }
  if (l.weights.size() > 3) {
    require_shape(c, l.weights[3].tensor, "weights[3] (peepholes)", {directions, 3 * hidden},
                  "input, output and forget peepholes");
  }
  for (size_t i = 1; i < l.inputs.size(); ++i) {
    require_shape(c, l.inputs[i].tensor, "inputs[" + std::to_string(i) + "] (initial state)",
                  {directions, batch, hidden}, "[directions, batch, hidden]");
  }
  c.require_output({steps, directions, batch, hidden},
                   "every step's hidden state of " + std::to_string(directions) +
                       " direction(s) over input " + shape_string(x.shape));
}

}  // namespace axsim::trace
