// Quantized ONNX graphs read as they are: Debian's libonnx-testdata reference graphs for
// QLinearConv, QLinearMatMul, ConvInteger and MatMulInteger (their scales and weights made
// initializers, as in a deployed model), and a QDQ graph.
#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "tests/onnx/model_builder.h"
#include "workloads/onnx/onnx_import.h"

using namespace axsim;
using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using trace::DType;
using trace::Op;
using trace::QuantScheme;
using Shape = std::vector<int64_t>;

namespace {

trace::Trace import_testdata(const std::string& test, const std::vector<std::string>& constants) {
  TempDir dir;
  return onnx_import::import_onnx(test::testdata_model(test, constants, dir)).trace;
}

// Scale and zero point of a per-tensor quantization.
void check_quant(const trace::Quantization& q, double scale, int64_t zero_point) {
  CHECK(q.scheme == QuantScheme::per_tensor);
  REQUIRE(q.scale.size() == 1);
  CHECK_THAT(q.scale[0], WithinRel(scale, 1e-5));
  const int64_t z = q.zero_point.empty() ? 0 : q.zero_point.at(0);
  CHECK(z == zero_point);
}

}  // namespace

TEST_CASE("onnx: QLinearConv reads its uint8 input and weights as int8 with their scales") {
  const trace::Trace t = import_testdata(
      "test_qlinearconv",
      {"x_scale", "x_zero_point", "w", "w_scale", "w_zero_point", "y_scale", "y_zero_point"});
  REQUIRE(t.layers.size() == 1);
  const trace::Layer& conv = t.layers[0];
  CHECK(conv.op == Op::conv2d);
  CHECK(conv.output.shape == Shape{1, 1, 7, 7});
  // uint8 is stored as int8 with the zero point moved down by 128.
  CHECK(conv.inputs[0].tensor.dtype == DType::int8);
  check_quant(conv.inputs[0].tensor.quant, 0.00369205, 132 - 128);
  CHECK(conv.weights[0].tensor.dtype == DType::int8);
  CHECK(conv.weights[0].tensor.bits == 8);
  check_quant(conv.weights[0].tensor.quant, 0.00172795, 255 - 128);
  CHECK(conv.output.dtype == DType::int8);
  check_quant(conv.output.quant, 0.00162681, 123 - 128);
}

TEST_CASE("onnx: QLinearMatMul with constant weights is a quantized linear layer") {
  const trace::Trace t = import_testdata(
      "test_qlinearmatmul_2D",
      {"a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale", "y_zero_point"});
  REQUIRE(t.layers.size() == 1);
  const trace::Layer& l = t.layers[0];
  CHECK(l.op == Op::linear);
  CHECK(l.weights[0].tensor.shape == Shape{3, 4});  // [K, N] stored as [N, K]
  check_quant(l.inputs[0].tensor.quant, 0.0066, 113 - 128);
  check_quant(l.weights[0].tensor.quant, 0.00705, 114 - 128);
  CHECK(l.output.shape == Shape{2, 3});
  check_quant(l.output.quant, 0.0107, 118 - 128);
}

TEST_CASE("onnx: QLinearMatMul of 3-D operands is a batched int8 matmul") {
  const trace::Trace t = import_testdata(
      "test_qlinearmatmul_3D",
      {"a_scale", "a_zero_point", "b_scale", "b_zero_point", "y_scale", "y_zero_point"});
  REQUIRE(t.layers.size() == 1);
  const trace::Layer& l = t.layers[0];
  CHECK(l.op == Op::matmul);
  CHECK(l.output.shape == Shape{2, 2, 3});
  CHECK(l.inputs[1].tensor.dtype == DType::int8);
  CHECK(l.inputs[1].tensor.quant.scheme == QuantScheme::per_tensor);
  CHECK(l.output.dtype == DType::int8);
}

TEST_CASE("onnx: ConvInteger and MatMulInteger take int8 operands and accumulate in int32") {
  const trace::Trace conv = import_testdata("test_convinteger_with_padding", {"w", "x_zero_point"});
  REQUIRE(conv.layers.size() == 1);
  CHECK(conv.layers[0].op == Op::conv2d);
  CHECK(conv.layers[0].attrs.padding == std::array<int64_t, 4>{1, 1, 1, 1});
  CHECK(conv.layers[0].weights[0].tensor.dtype == DType::int8);
  CHECK(conv.layers[0].output.dtype == DType::int32);
  CHECK(conv.layers[0].output.shape == Shape{1, 1, 4, 4});

  const trace::Trace mm =
      import_testdata("test_matmulinteger", {"B", "a_zero_point", "b_zero_point"});
  REQUIRE(mm.layers.size() == 1);
  CHECK(mm.layers[0].op == Op::linear);
  CHECK(mm.layers[0].weights[0].tensor.dtype == DType::int8);
  CHECK(mm.layers[0].output.dtype == DType::int32);
}

TEST_CASE("onnx: a QDQ graph keeps per-channel int8 weights and int8 activations with scales") {
  ModelBuilder m(13);
  m.input("x", {1, 3, 8, 8}).output("y");
  m.weight("x_scale", {}, {0.02f});
  m.int_weight("x_zero", {}, {0}, onnx::TensorProto::INT8);
  m.int_weight("w_q", {4, 3, 1, 1}, std::vector<int64_t>(12, 5), onnx::TensorProto::INT8);
  m.weight("w_scale", {4}, {0.1f, 0.2f, 0.3f, 0.4f});
  m.int_weight("w_zero", {4}, {0, 0, 0, 0}, onnx::TensorProto::INT8);
  m.weight("y_scale", {}, {0.05f});
  m.int_weight("y_zero", {}, {3}, onnx::TensorProto::INT8);
  m.node("QuantizeLinear", {"x", "x_scale", "x_zero"}, {"xq"});
  m.node("DequantizeLinear", {"xq", "x_scale", "x_zero"}, {"xd"});
  set_attr(m.node("DequantizeLinear", {"w_q", "w_scale", "w_zero"}, {"w"}), "axis", int64_t{0});
  m.node("Conv", {"xd", "w"}, {"c"}, "conv");
  m.node("QuantizeLinear", {"c", "y_scale", "y_zero"}, {"cq"});
  m.node("DequantizeLinear", {"cq", "y_scale", "y_zero"}, {"cd"});
  m.node("Relu", {"cd"}, {"y"}, "relu");
  TempDir dir;
  const trace::Trace t = m.import(dir).trace;
  REQUIRE(t.layers.size() == 2);
  CHECK(t.inputs[0].tensor.dtype == DType::int8);
  check_quant(t.inputs[0].tensor.quant, 0.02, 0);
  const trace::Layer& conv = t.layers[0];
  const trace::Quantization& wq = conv.weights[0].tensor.quant;
  CHECK(conv.weights[0].tensor.dtype == DType::int8);
  CHECK(wq.scheme == QuantScheme::per_channel);
  CHECK(wq.axis == 0);
  CHECK(wq.scale.size() == 4);
  CHECK(conv.output.dtype == DType::int8);
  check_quant(conv.output.quant, 0.05, 3);
  CHECK(t.layers[1].inputs[0].tensor.dtype == DType::int8);
}

TEST_CASE("onnx: --quantize on a graph that is already quantized is refused") {
  TempDir dir;
  const std::string path = test::testdata_model(
      "test_qlinearmatmul_2D",
      {"a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale", "y_zero_point"}, dir);
  onnx_import::ImportOptions options;
  options.quantize.target = onnx_import::QuantTarget::int8;
  REQUIRE_THROWS_AS(onnx_import::import_onnx(path, options), core::InputError);
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(path, options), Contains("already quantized"));
}
