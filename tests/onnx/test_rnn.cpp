// LSTM, GRU and RNN nodes as `rnn` layers.
#include <catch2/catch.hpp>

#include "tests/onnx/model_builder.h"
#include "workloads/onnx/onnx_import.h"
#include "workloads/trace/counts.h"

using namespace axsim;
using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using trace::Op;
using Shape = std::vector<int64_t>;

TEST_CASE("onnx: a bidirectional LSTM is one rnn layer with its gate MACs") {
  const int64_t steps = 5, batch = 2, in = 8, hidden = 4;
  ModelBuilder m(14);
  m.input("x", {steps, batch, in}).output("y").output("y_h");
  m.weight("W", {2, 4 * hidden, in}).weight("R", {2, 4 * hidden, hidden});
  m.weight("B", {2, 8 * hidden});
  auto& lstm = m.node("LSTM", {"x", "W", "R", "B"}, {"y", "y_h"}, "lstm");
  set_attr(lstm, "hidden_size", hidden);
  set_attr(lstm, "direction", std::string("bidirectional"));
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  const trace::Layer& l = t.layers.at(0);
  CHECK(l.op == Op::rnn);
  CHECK(l.attrs.function == "lstm");
  CHECK(l.output.shape == Shape{steps, 2, batch, hidden});
  REQUIRE(l.weights.size() == 3);
  CHECK(trace::count_layer(l).macs == steps * batch * 2 * 4 * hidden * (in + hidden));
  // Y_h, the last step's state, is a part of the layer's output in the model's shape.
  CHECK(t.outputs.size() == 2);
  CHECK(t.layers.back().output.shape == Shape{2, batch, hidden});
}

TEST_CASE("onnx: the reference LSTM and GRU graphs of libonnx-testdata import as rnn layers") {
  for (const auto& [test, function, gates] :
       {std::tuple<std::string, std::string, int64_t>{"test_lstm_defaults", "lstm", 4},
        {"test_gru_defaults", "gru", 3}}) {
    TempDir dir;
    const std::string path = test::testdata_model(test, {"W", "R"}, dir);
    const trace::Trace t = onnx_import::import_onnx(path).trace;
    const trace::Layer& l = t.layers.at(0);
    CHECK(l.op == Op::rnn);
    CHECK(l.attrs.function == function);
    // X [1, 3, 2], hidden 3 (lstm) or 5 (gru): the output holds every step of one direction.
    const int64_t hidden = l.weights[1].tensor.shape[2];
    CHECK(l.weights[0].tensor.shape == Shape{1, gates * hidden, 2});
    CHECK(l.output.shape == Shape{1, 1, 3, hidden});
    CHECK(t.layers.back().output.shape == Shape{1, 3, hidden});
  }
}
