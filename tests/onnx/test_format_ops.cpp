// The trace format's ops that ONNX import added (workloads/FORMAT.md): slice, rnn, generic.
// Their shape rules, counts, and a round trip through the writer and reader.
#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "workloads/trace/counts.h"
#include "workloads/trace/trace_io.h"
#include "workloads/trace/validate.h"

using namespace axsim::trace;
using Catch::Matchers::Contains;
using Shape = std::vector<int64_t>;

namespace {

Tensor fp32(Shape shape) {
  Tensor t;
  t.shape = std::move(shape);
  t.dtype = DType::fp32;
  t.bits = 32;
  return t;
}

Trace one_layer(Layer layer, const Shape& input) {
  Trace t;
  t.name = "t";
  t.inputs = {{"x", fp32(input)}};
  layer.name = "l";
  t.layers = {std::move(layer)};
  t.outputs = {"l"};
  return t;
}

Layer lstm(Shape x, Shape w, Shape r, Shape out) {
  Layer l;
  l.op = Op::rnn;
  l.attrs.function = "lstm";
  l.inputs = {{"x", fp32(x)}};
  l.weights = {{"W", fp32(std::move(w))}, {"R", fp32(std::move(r))}};
  l.output = fp32(std::move(out));
  return l;
}

}  // namespace

TEST_CASE("format: a slice keeps the rank and no dimension grows") {
  Layer l;
  l.op = Op::slice;
  l.inputs = {{"x", fp32({1, 6, 4})}};
  l.output = fp32({1, 2, 4});
  CHECK_NOTHROW(validate_trace(one_layer(l, {1, 6, 4}), "t.json"));
  CHECK(count_layer(l).vector_ops == 0);
  l.output = fp32({1, 8, 4});
  REQUIRE_THROWS_WITH(validate_trace(one_layer(l, {1, 6, 4}), "t.json"),
                      Contains("(slice)") && Contains("not a part of input [1,6,4]"));
  l.output = fp32({6, 4});
  CHECK_THROWS_AS(validate_trace(one_layer(l, {1, 6, 4}), "t.json"), axsim::core::InputError);
}

TEST_CASE("format: an rnn layer checks its gates and counts its MACs") {
  // 5 steps, batch 2, input 8, hidden 4, one direction: W [1, 16, 8], R [1, 16, 4].
  const Layer good = lstm({5, 2, 8}, {1, 16, 8}, {1, 16, 4}, {5, 1, 2, 4});
  CHECK_NOTHROW(validate_trace(one_layer(good, {5, 2, 8}), "t.json"));
  CHECK(count_layer(good).macs == 5 * 2 * 16 * (8 + 4));
  CHECK(count_layer(good).vector_ops == 5 * 2 * 4 * 9);
  const Layer bad_r = lstm({5, 2, 8}, {1, 16, 8}, {1, 12, 4}, {5, 1, 2, 4});
  REQUIRE_THROWS_WITH(validate_trace(one_layer(bad_r, {5, 2, 8}), "t.json"),
                      Contains("weights[1] (R)") && Contains("[1,16,4]"));
  Layer gru = good;
  gru.attrs.function = "gru";  // 16 is no multiple of 3 gates
  REQUIRE_THROWS_WITH(validate_trace(one_layer(gru, {5, 2, 8}), "t.json"), Contains("3 gates"));
  Layer cell = good;
  cell.attrs.function = "conv";
  REQUIRE_THROWS_WITH(validate_trace(one_layer(cell, {5, 2, 8}), "t.json"),
                      Contains("not one of: lstm, gru, rnn"));
}

TEST_CASE("format: a generic layer needs the operator's name and round-trips through JSON") {
  Layer l;
  l.op = Op::generic;
  l.inputs = {{"x", fp32({1, 100})}};
  l.output = fp32({1, 5});
  REQUIRE_THROWS_WITH(validate_trace(one_layer(l, {1, 100}), "t.json"), Contains("must name"));
  l.attrs.function = "TopK";
  const Trace t = one_layer(l, {1, 100});
  CHECK_NOTHROW(validate_trace(t, "t.json"));
  CHECK(count_layer(l).vector_ops == 5);
  const Trace back = parse_trace_json(trace_to_json(t), "t.json");
  CHECK(back.layers.at(0).op == Op::generic);
  CHECK(back.layers.at(0).attrs.function == "TopK");
  CHECK(trace_to_json(back) == trace_to_json(t));
}
