// ONNX operators as trace layers: what each becomes, with the shapes, attributes and counts a
// user of the trace sees.
#include <catch2/catch.hpp>

#include "tests/onnx/model_builder.h"
#include "workloads/trace/counts.h"

using namespace axsim;
using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using trace::Op;
using Shape = std::vector<int64_t>;

namespace {

const trace::Layer& only_layer(const trace::Trace& t, Op op) {
  const trace::Layer* found = nullptr;
  for (const trace::Layer& l : t.layers) {
    if (l.op == op) {
      REQUIRE(found == nullptr);
      found = &l;
    }
  }
  REQUIRE(found != nullptr);
  return *found;
}

int count(const trace::Trace& t, Op op) {
  return static_cast<int>(std::count_if(t.layers.begin(), t.layers.end(),
                                        [op](const trace::Layer& l) { return l.op == op; }));
}

}  // namespace

TEST_CASE("onnx: a conv batch-norm relu pool gemm network keeps its weights and MACs") {
  ModelBuilder m;
  m.input("image", {1, 3, 32, 32}).output("logits");
  m.weight("w1", {8, 3, 3, 3}).weight("scale", {8}).weight("shift", {8}).weight("mean", {8});
  m.weight("var", {8}, std::vector<float>(8, 0.5f));
  m.weight("fc_w", {10, 8}).weight("fc_b", {10});
  auto& conv = m.node("Conv", {"image", "w1"}, {"c1"}, "conv1");
  set_attr(conv, "pads", Shape{1, 1, 1, 1});
  set_attr(conv, "strides", Shape{2, 2});
  m.node("BatchNormalization", {"c1", "scale", "shift", "mean", "var"}, {"bn1"}, "bn1");
  m.node("Relu", {"bn1"}, {"r1"}, "relu1");
  auto& pool = m.node("MaxPool", {"r1"}, {"p1"}, "pool1");
  set_attr(pool, "kernel_shape", Shape{2, 2});
  set_attr(pool, "strides", Shape{2, 2});
  m.node("GlobalAveragePool", {"p1"}, {"g"}, "gap");
  m.node("Flatten", {"g"}, {"f"}, "flat");
  auto& gemm = m.node("Gemm", {"f", "fc_w", "fc_b"}, {"logits"}, "fc");
  set_attr(gemm, "transB", int64_t{1});
  TempDir dir;
  const onnx_import::ImportResult r = m.import(dir);
  const trace::Trace& t = r.trace;

  CHECK(t.name == "model");
  REQUIRE(t.inputs.size() == 1);
  CHECK(t.inputs[0].tensor.shape == Shape{1, 3, 32, 32});
  CHECK(t.inputs[0].tensor.dtype == trace::DType::fp32);
  const trace::Layer& c1 = only_layer(t, Op::conv2d);
  CHECK(c1.name == "conv1");
  CHECK(c1.output.shape == Shape{1, 8, 16, 16});
  CHECK(c1.attrs.stride == std::array<int64_t, 2>{2, 2});
  CHECK(c1.attrs.padding == std::array<int64_t, 4>{1, 1, 1, 1});
  REQUIRE(c1.weights.size() == 2);  // the folded batch norm left a bias
  CHECK(c1.weights[1].tensor.shape == Shape{8});
  CHECK(r.report.folded_batch_norms == 1);
  CHECK(count(t, Op::batch_norm) == 0);
  CHECK(only_layer(t, Op::max_pool).output.shape == Shape{1, 8, 8, 8});
  CHECK(count(t, Op::global_avg_pool) == 1);
  const trace::Layer& fc = only_layer(t, Op::linear);
  CHECK(fc.weights[0].tensor.shape == Shape{10, 8});
  CHECK(fc.output.shape == Shape{1, 10});
  CHECK(t.outputs == std::vector<std::string>{"fc"});
  const trace::TraceCounts counts = trace::count_trace(t);
  CHECK(counts.params == 8 * 27 + 8 + 80 + 10);
  CHECK(counts.macs == 8 * 16 * 16 * 27 + 80);
}

TEST_CASE("onnx: grouped depthwise dilated and same-padded convolutions keep their attributes") {
  ModelBuilder m;
  m.input("x", {1, 8, 20, 20}).output("d");
  m.weight("wg", {8, 4, 3, 3}).weight("wd", {8, 1, 3, 3}).weight("wx", {4, 8, 3, 3});
  auto& grouped = m.node("Conv", {"x", "wg"}, {"g"}, "grouped");
  set_attr(grouped, "group", int64_t{2});
  set_attr(grouped, "pads", Shape{1, 1, 1, 1});
  auto& depthwise = m.node("Conv", {"g", "wd"}, {"dw"}, "depthwise");
  set_attr(depthwise, "group", int64_t{8});
  set_attr(depthwise, "auto_pad", std::string("SAME_UPPER"));
  set_attr(depthwise, "strides", Shape{2, 2});
  auto& dilated = m.node("Conv", {"dw", "wx"}, {"d"}, "dilated");
  set_attr(dilated, "dilations", Shape{2, 2});
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  REQUIRE(t.layers.size() == 3);
  CHECK(t.layers[0].attrs.groups == 2);
  CHECK(t.layers[0].output.shape == Shape{1, 8, 20, 20});
  CHECK(t.layers[1].attrs.groups == 8);
  CHECK(t.layers[1].attrs.padding == std::array<int64_t, 4>{0, 0, 1, 1});  // SAME_UPPER, stride 2
  CHECK(t.layers[1].output.shape == Shape{1, 8, 10, 10});
  CHECK(t.layers[2].attrs.dilation == std::array<int64_t, 2>{2, 2});
  CHECK(t.layers[2].output.shape == Shape{1, 4, 6, 6});
}

TEST_CASE("onnx: a 1-D convolution and pool run as 2-D ones of height 1") {
  ModelBuilder m;
  m.input("x", {2, 4, 50}).output("p");
  m.weight("w", {6, 4, 5});
  auto& conv = m.node("Conv", {"x", "w"}, {"c"}, "conv");
  set_attr(conv, "pads", Shape{2, 2});
  auto& pool = m.node("AveragePool", {"c"}, {"p"}, "pool");
  set_attr(pool, "kernel_shape", Shape{2});
  set_attr(pool, "strides", Shape{2});
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  const trace::Layer& c = only_layer(t, Op::conv2d);
  CHECK(c.inputs[0].tensor.shape == Shape{2, 4, 1, 50});
  CHECK(c.attrs.kernel == std::array<int64_t, 2>{1, 5});
  CHECK(c.attrs.padding == std::array<int64_t, 4>{0, 2, 0, 2});
  CHECK(c.output.shape == Shape{2, 6, 1, 50});
  CHECK(only_layer(t, Op::avg_pool).output.shape == Shape{2, 6, 1, 25});
  CHECK(t.layers.back().output.shape == Shape{2, 6, 25});  // back to the model's layout
}

TEST_CASE("onnx: a transposed convolution is a sub-pixel convolution with its MACs") {
  ModelBuilder m;
  m.input("x", {1, 8, 10, 10}).output("y");
  m.weight("w", {8, 4, 2, 2}).weight("b", {4});
  auto& up = m.node("ConvTranspose", {"x", "w", "b"}, {"y"}, "up");
  set_attr(up, "strides", Shape{2, 2});
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  const trace::Layer& conv = only_layer(t, Op::conv2d);
  CHECK(conv.weights[0].tensor.shape == Shape{16, 8, 1, 1});
  CHECK(conv.output.shape == Shape{1, 16, 10, 10});
  CHECK(t.layers.back().output.shape == Shape{1, 4, 20, 20});
  // Each input pixel meets each 2x2 kernel tap of each output channel once.
  CHECK(trace::count_trace(t).macs == 10 * 10 * 8 * 4 * 2 * 2);
  CHECK(trace::count_trace(t).params == 8 * 4 * 2 * 2 + 16);
}

TEST_CASE("onnx: MatMul by a constant is a linear layer and the bias Add after it its bias") {
  ModelBuilder m;
  m.input("x", {1, 5, 16}).output("y");
  m.weight("w", {16, 32}).weight("b", {32});
  m.node("MatMul", {"x", "w"}, {"xw"}, "proj");
  m.node("Add", {"xw", "b"}, {"y"}, "proj_bias");
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  REQUIRE(t.layers.size() == 1);
  const trace::Layer& l = t.layers[0];
  CHECK(l.op == Op::linear);
  CHECK(l.weights[0].tensor.shape == Shape{32, 16});
  CHECK(l.weights[1].tensor.shape == Shape{32});
  CHECK(l.output.shape == Shape{1, 5, 32});
  CHECK(t.outputs == std::vector<std::string>{"proj"});
}

TEST_CASE("onnx: MatMul of two activations is a batched matmul") {
  ModelBuilder m;
  m.input("a", {2, 4, 8, 16}).input("b", {2, 4, 16, 8}).output("y");
  m.node("MatMul", {"a", "b"}, {"y"}, "scores");
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  const trace::Layer& l = only_layer(t, Op::matmul);
  CHECK(l.output.shape == Shape{2, 4, 8, 8});
  CHECK(trace::count_trace(t).macs == 2 * 4 * 8 * 8 * 16);
}

TEST_CASE("onnx: shape arithmetic feeding a Reshape is folded and the reshape costs nothing") {
  ModelBuilder m;
  m.input("x", {2, 3, 4}).output("y");
  m.int_weight("zero", {}, {0}, onnx::TensorProto::INT64);
  m.int_weight("axes", {1}, {0}, onnx::TensorProto::INT64);
  m.int_weight("rest", {1}, {-1}, onnx::TensorProto::INT64);
  m.node("Shape", {"x"}, {"s"});
  m.node("Gather", {"s", "zero"}, {"n"});
  m.node("Unsqueeze", {"n", "axes"}, {"n1"});
  set_attr(m.node("Concat", {"n1", "rest"}, {"target"}), "axis", int64_t{0});
  m.node("Reshape", {"x", "target"}, {"flat"}, "flatten");
  m.node("Relu", {"flat"}, {"y"}, "relu");
  TempDir dir;
  const onnx_import::ImportResult r = m.import(dir);
  CHECK(r.report.folded_nodes == 4);
  REQUIRE(r.trace.layers.size() == 2);
  CHECK(r.trace.layers[0].op == Op::reshape);
  CHECK(r.trace.layers[0].output.shape == Shape{2, 12});
  CHECK(trace::count_layer(r.trace.layers[0]).vector_ops == 0);
  CHECK(r.trace.layers[1].output.shape == Shape{2, 12});
}

TEST_CASE("onnx: element-wise constants are weights and concat split slice resize translate") {
  ModelBuilder m(13);
  m.input("x", {1, 4, 8, 8}).output("y");
  m.weight("gain", {1, 4, 1, 1});
  m.int_weight("halves", {2}, {2, 2}, onnx::TensorProto::INT64);
  m.int_weight("starts", {1}, {2}, onnx::TensorProto::INT64);
  m.int_weight("ends", {1}, {6}, onnx::TensorProto::INT64);
  m.int_weight("axes", {1}, {2}, onnx::TensorProto::INT64);
  m.weight("scales", {4}, {1, 1, 2, 2});
  m.node("Mul", {"x", "gain"}, {"scaled"}, "scale");
  auto& split = m.node("Split", {"scaled", "halves"}, {"left", "right"}, "split");
  set_attr(split, "axis", int64_t{1});
  m.node("Slice", {"left", "starts", "ends", "axes"}, {"middle"}, "crop");
  m.node("Resize", {"middle", "", "scales"}, {"big"}, "up");
  auto& cat = m.node("Concat", {"big", "big"}, {"y"}, "cat");
  set_attr(cat, "axis", int64_t{1});
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  const trace::Layer& mul = only_layer(t, Op::elementwise);
  CHECK(mul.attrs.function == "mul");
  REQUIRE(mul.weights.size() == 1);
  CHECK(mul.weights[0].tensor.shape == Shape{1, 4, 1, 1});
  CHECK(count(t, Op::slice) == 2);  // the split part used, then the crop
  CHECK(only_layer(t, Op::resize).output.shape == Shape{1, 2, 8, 16});
  CHECK(only_layer(t, Op::concat).output.shape == Shape{1, 4, 8, 16});
  // The unused half of the split computes nothing anyone reads: it is not in the trace.
  CHECK(t.layers.size() == 5);
}

TEST_CASE("onnx: softmax and layer normalization and activations keep their shapes") {
  ModelBuilder m(17);
  m.input("x", {2, 10, 64}).output("y");
  m.weight("gamma", {64}).weight("beta", {64});
  auto& ln = m.node("LayerNormalization", {"x", "gamma", "beta"}, {"n"}, "norm");
  set_attr(ln, "axis", int64_t{-1});
  m.node("Tanh", {"n"}, {"a"}, "tanh");
  auto& sm = m.node("Softmax", {"a"}, {"y"}, "softmax");
  set_attr(sm, "axis", int64_t{-1});
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  REQUIRE(t.layers.size() == 3);
  CHECK(t.layers[0].op == Op::layer_norm);
  CHECK(t.layers[0].weights.size() == 2);
  CHECK(t.layers[1].attrs.function == "tanh");
  CHECK(t.layers[2].op == Op::softmax);
  CHECK(t.layers[2].attrs.axis == -1);
}

TEST_CASE("onnx: a zero Pad before a convolution becomes the convolution's padding") {
  ModelBuilder m(13);
  m.input("x", {1, 3, 16, 16}).output("y");
  m.weight("w", {4, 3, 3, 3});
  m.int_weight("pads", {8}, {0, 0, 1, 2, 0, 0, 1, 2}, onnx::TensorProto::INT64);
  m.node("Pad", {"x", "pads"}, {"padded"}, "pad");
  m.node("Conv", {"padded", "w"}, {"y"}, "conv");
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  REQUIRE(t.layers.size() == 1);
  CHECK(t.layers[0].attrs.padding == std::array<int64_t, 4>{1, 2, 1, 2});
  CHECK(t.layers[0].inputs[0].from == "x");
  CHECK(t.layers[0].output.shape == Shape{1, 4, 16, 18});
}
