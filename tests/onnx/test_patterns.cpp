// Groups of ONNX nodes that exporters write for one operation, imported as one layer.
#include <catch2/catch.hpp>
#include <cmath>

#include "tests/onnx/model_builder.h"
#include "workloads/trace/counts.h"

using namespace axsim;
using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using trace::Op;
using Shape = std::vector<int64_t>;

TEST_CASE("onnx: a layer norm written out as ReduceMean Sub Pow Sqrt Div is one layer_norm") {
  ModelBuilder m(13);
  m.input("x", {1, 6, 32}).output("y");
  m.weight("two", {}, {2.0f}).weight("eps", {}, {1e-5f});
  m.weight("gamma", {32}).weight("beta", {32});
  set_attr(m.node("ReduceMean", {"x"}, {"mean"}), "axes", Shape{-1});
  m.node("Sub", {"x", "mean"}, {"d"});
  m.node("Pow", {"d", "two"}, {"d2"});
  set_attr(m.node("ReduceMean", {"d2"}, {"var"}), "axes", Shape{-1});
  m.node("Add", {"var", "eps"}, {"var_eps"});
  m.node("Sqrt", {"var_eps"}, {"std"});
  m.node("Div", {"d", "std"}, {"n"});
  m.node("Mul", {"n", "gamma"}, {"g"});
  m.node("Add", {"g", "beta"}, {"y"}, "norm");
  TempDir dir;
  const onnx_import::ImportResult r = m.import(dir);
  REQUIRE(r.trace.layers.size() == 1);
  const trace::Layer& l = r.trace.layers[0];
  CHECK(l.op == Op::layer_norm);
  CHECK(l.name == "norm");
  REQUIRE(l.weights.size() == 2);
  CHECK(l.weights[0].tensor.shape == Shape{32});
  CHECK(r.report.fused.at("layer norm") == 1);
}

TEST_CASE("onnx: GELU written with Erf is one gelu activation") {
  ModelBuilder m(13);
  m.input("x", {2, 16}).output("y");
  m.weight("sqrt2", {}, {1.4142135f}).weight("one", {}, {1.0f}).weight("half", {}, {0.5f});
  m.node("Div", {"x", "sqrt2"}, {"s"});
  m.node("Erf", {"s"}, {"e"});
  m.node("Add", {"e", "one"}, {"e1"});
  m.node("Mul", {"x", "e1"}, {"xe"});
  m.node("Mul", {"xe", "half"}, {"y"}, "gelu");
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  REQUIRE(t.layers.size() == 1);
  CHECK(t.layers[0].op == Op::activation);
  CHECK(t.layers[0].attrs.function == "gelu");
}

TEST_CASE("onnx: x times sigmoid of x is silu and the hard-swish arithmetic is hardswish") {
  ModelBuilder m(13);
  m.input("x", {1, 8, 4, 4}).output("y");
  m.weight("three", {}, {3.0f}).weight("zero", {}, {0.0f}).weight("six", {}, {6.0f});
  m.node("Sigmoid", {"x"}, {"sig"});
  m.node("Mul", {"x", "sig"}, {"silu"}, "silu");
  m.node("Add", {"silu", "three"}, {"p3"});
  m.node("Clip", {"p3", "zero", "six"}, {"c"});
  m.node("Mul", {"silu", "c"}, {"m"});
  m.node("Div", {"m", "six"}, {"y"}, "hswish");
  TempDir dir;
  const onnx_import::ImportResult r = m.import(dir);
  REQUIRE(r.trace.layers.size() == 2);
  CHECK(r.trace.layers[0].attrs.function == "silu");
  CHECK(r.trace.layers[1].attrs.function == "hardswish");
  CHECK(r.trace.layers[1].name == "hswish");
}

TEST_CASE("onnx: MatMul Softmax MatMul with a causal mask is one causal attention layer") {
  const int64_t batch = 1, seq = 8, heads = 4, dim = 16, width = heads * dim;
  ModelBuilder m(13);
  m.input("x", {batch, seq, width}).output("y");
  for (const char* w : {"wq", "wk", "wv", "wo"}) m.weight(w, {width, width});
  m.int_weight("split_heads", {4}, {batch, seq, heads, dim}, onnx::TensorProto::INT64);
  m.int_weight("merge_heads", {3}, {batch, seq, width}, onnx::TensorProto::INT64);
  m.weight("scale", {}, {std::sqrt(static_cast<float>(dim))});
  std::vector<float> mask(seq * seq, 0.0f);
  for (int64_t i = 0; i < seq; ++i) {
    for (int64_t j = i + 1; j < seq; ++j) mask[static_cast<size_t>(i * seq + j)] = -1e9f;
  }
  m.weight("mask", {1, 1, seq, seq}, mask);
  for (const char* p : {"q", "k", "v"}) {
    const std::string s(p);
    m.node("MatMul", {"x", "w" + s}, {s + "_proj"}, s + "_proj");
    m.node("Reshape", {s + "_proj", "split_heads"}, {s + "_heads"});
    set_attr(m.node("Transpose", {s + "_heads"}, {s + "_t"}), "perm",
             s == "k" ? Shape{0, 2, 3, 1} : Shape{0, 2, 1, 3});
  }
  m.node("MatMul", {"q_t", "k_t"}, {"scores"});
  m.node("Div", {"scores", "scale"}, {"scaled"});
  m.node("Add", {"scaled", "mask"}, {"masked"});
  set_attr(m.node("Softmax", {"masked"}, {"probs"}), "axis", int64_t{-1});
  m.node("MatMul", {"probs", "v_t"}, {"ctx"}, "attention");
  set_attr(m.node("Transpose", {"ctx"}, {"ctx_t"}), "perm", Shape{0, 2, 1, 3});
  m.node("Reshape", {"ctx_t", "merge_heads"}, {"merged"});
  m.node("MatMul", {"merged", "wo"}, {"y"}, "out_proj");
  TempDir dir;
  const onnx_import::ImportResult r = m.import(dir);
  const trace::Trace& t = r.trace;
  int attention = 0, linear = 0, softmax = 0;
  for (const trace::Layer& l : t.layers) {
    attention += l.op == Op::attention;
    linear += l.op == Op::linear;
    softmax += l.op == Op::softmax;
    if (l.op != Op::attention) continue;
    CHECK(l.attrs.heads == heads);
    CHECK(l.attrs.kv_heads == heads);
    CHECK(l.attrs.head_dim == dim);
    CHECK(l.attrs.causal);
    CHECK(l.output.shape == Shape{batch, seq, width});
    CHECK(trace::count_layer(l).macs == 2 * batch * heads * seq * seq * dim);
  }
  CHECK(attention == 1);
  CHECK(linear == 4);
  CHECK(softmax == 0);
  CHECK(r.report.fused.at("attention") == 1);
}
