// --quantize: float models quantized on import with weight scales from their real weights.
#include <catch2/catch.hpp>
#include <cmath>

#include "tests/onnx/model_builder.h"
#include "workloads/onnx/quantize.h"
#include "workloads/trace/counts.h"

using namespace axsim;
using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using onnx_import::QuantTarget;
using trace::DType;
using trace::Op;
using trace::QuantScheme;
using Shape = std::vector<int64_t>;

namespace {

// conv (3 -> 4 channels, known weights) -> relu -> conv -> flatten -> linear -> softmax.
ModelBuilder small_cnn() {
  ModelBuilder m;
  m.input("x", {1, 3, 4, 4}).output("y");
  std::vector<float> w1(4 * 3);
  for (size_t i = 0; i < w1.size(); ++i) w1[i] = static_cast<float>(i % 3) - 1.0f;
  w1[0] = -2.0f;  // channel 0 spans [-2, 1], the others [-1, 1]
  m.weight("w1", {4, 3, 1, 1}, w1).weight("b1", {4});
  m.weight("w2", {4, 4, 3, 3}).weight("fc", {5, 64});
  m.node("Conv", {"x", "w1", "b1"}, {"c1"}, "conv1");
  m.node("Relu", {"c1"}, {"r1"}, "relu1");
  set_attr(m.node("Conv", {"r1", "w2"}, {"c2"}, "conv2"), "pads", Shape{1, 1, 1, 1});
  m.node("Flatten", {"c2"}, {"f"}, "flat");
  set_attr(m.node("Gemm", {"f", "fc"}, {"logits"}, "fc"), "transB", int64_t{1});
  m.node("Softmax", {"logits"}, {"y"}, "softmax");
  return m;
}

onnx_import::ImportResult quantized(const ModelBuilder& m, QuantTarget target, bool per_channel,
                                    bool symmetric) {
  onnx_import::ImportOptions options;
  options.quantize = {target, per_channel, symmetric};
  TempDir dir;
  return m.import(dir, options);
}

const trace::Layer& layer(const trace::Trace& t, const std::string& name) {
  for (const trace::Layer& l : t.layers) {
    if (l.name == name) return l;
  }
  FAIL("no layer " << name);
  throw;
}

bool listed(const onnx_import::ImportReport& r, const std::string& layer_name,
            const std::string& text) {
  for (const onnx_import::ReportLine& line : r.higher_precision) {
    if (line.layer == layer_name && line.what.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("onnx: --quantize int8 per channel gives each output channel its max-magnitude scale") {
  const onnx_import::ImportResult r = quantized(small_cnn(), QuantTarget::int8, true, true);
  const trace::Layer& conv1 = layer(r.trace, "conv1");
  const trace::Tensor& w = conv1.weights[0].tensor;
  CHECK(w.dtype == DType::int8);
  CHECK(w.quant.scheme == QuantScheme::per_channel);
  REQUIRE(w.quant.scale.size() == 4);
  CHECK_THAT(w.quant.scale[0], WithinRel(2.0 / 127, 1e-9));
  CHECK_THAT(w.quant.scale[1], WithinRel(1.0 / 127, 1e-9));
  CHECK(w.quant.zero_point.empty());
  CHECK(conv1.weights[1].tensor.dtype == DType::int32);  // bias, in the accumulator's scale
  CHECK(conv1.output.dtype == DType::int8);
  CHECK(r.trace.inputs[0].tensor.dtype == DType::int8);
  // Softmax keeps a wider type, and the report says why.
  CHECK(layer(r.trace, "softmax").output.dtype == DType::fp16);
  CHECK(listed(r.report, "softmax", "more range"));
}

TEST_CASE("onnx: --quantize asymmetric per tensor gives one scale and zero point per weight") {
  const onnx_import::ImportResult r = quantized(small_cnn(), QuantTarget::int8, false, false);
  const trace::Tensor& w = layer(r.trace, "conv1").weights[0].tensor;
  CHECK(w.quant.scheme == QuantScheme::per_tensor);
  REQUIRE(w.quant.scale.size() == 1);
  CHECK_THAT(w.quant.scale[0], WithinRel(3.0 / 255, 1e-9));  // range [-2, 1]
  REQUIRE(w.quant.zero_point.size() == 1);
  CHECK(w.quant.zero_point[0] == std::lround(-128 + 2.0 / (3.0 / 255)));
}

TEST_CASE("onnx: --quantize w4a8 keeps the first and last MAC layers at 8-bit weights") {
  const onnx_import::ImportResult r = quantized(small_cnn(), QuantTarget::w4a8, true, true);
  CHECK(layer(r.trace, "conv1").weights[0].tensor.bits == 8);
  CHECK(layer(r.trace, "fc").weights[0].tensor.bits == 8);
  const trace::Tensor& middle = layer(r.trace, "conv2").weights[0].tensor;
  CHECK(middle.dtype == DType::int4);
  CHECK(middle.bits == 4);
  CHECK(layer(r.trace, "conv2").output.bits == 8);
  CHECK(listed(r.report, "conv1", "first or last MAC layer"));
  CHECK(listed(r.report, "fc", "first or last MAC layer"));
  CHECK_FALSE(listed(r.report, "conv2", ""));
  // 4-bit weights take half the bytes of 8-bit ones.
  CHECK(trace::count_layer(layer(r.trace, "conv2")).weight_bytes == 4 * 4 * 9 / 2);
}

TEST_CASE("onnx: --quantize int4 keeps a layer whose weights an outlier dominates at 8 bits") {
  ModelBuilder m;
  m.input("x", {1, 64}).output("y");
  std::vector<float> spiky = test::ramp(64 * 64, 7);
  spiky[100] = 40.0f;  // one weight 40x the rest: per-tensor 4-bit rounds the others to 0
  m.weight("w0", {64, 64}).weight("w1", {64, 64}, spiky).weight("w2", {64, 64});
  m.node("MatMul", {"x", "w0"}, {"h0"}, "first");
  m.node("MatMul", {"h0", "w1"}, {"h1"}, "spiky");
  m.node("MatMul", {"h1", "w2"}, {"y"}, "last");
  const onnx_import::ImportResult r = quantized(m, QuantTarget::int4, false, true);
  CHECK(layer(r.trace, "spiky").weights[0].tensor.bits >= 8);
  CHECK((listed(r.report, "spiky", "SQNR") || listed(r.report, "spiky", "fp16")));
  CHECK(r.trace.inputs[0].tensor.dtype == DType::int4);
}

TEST_CASE("onnx: weight quantization error is measured as SQNR") {
  onnx_import::Constant c;
  c.dims = {2, 2};
  c.reals = {0.5, -0.25, 1.0, 0.125};
  const onnx_import::WeightQuantization exact =
      onnx_import::quantize_weights(c, c.dims, -1, 8, true);
  CHECK_THAT(exact.quant.scale[0], WithinRel(1.0 / 127, 1e-9));
  CHECK(exact.sqnr_db > 40);
  const onnx_import::WeightQuantization coarse =
      onnx_import::quantize_weights(c, c.dims, -1, 2, true);
  CHECK(coarse.sqnr_db < exact.sqnr_db);
}
