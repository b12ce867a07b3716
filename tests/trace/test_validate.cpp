#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "tests/trace/trace_fixture.h"
#include "workloads/trace/trace_io.h"
#include "workloads/trace/validate.h"

using namespace axsim::trace;
using namespace axsim::trace::testing;
using Catch::Matchers::Contains;

namespace {

Trace tiny() { return parse_trace_json(tiny_trace_json().dump(), "tiny.json"); }

Layer conv(const std::string& name, int64_t cout, int64_t cin_per_group, int64_t k,
           const Tensor& output) {
  Layer l = make_layer(name, Op::conv2d, output);
  l.weights.push_back({"weight", tensor({cout, cin_per_group, k, k})});
  l.attrs.kernel = {k, k};
  return l;
}

}  // namespace

TEST_CASE("trace: a valid trace passes validation") { validate_trace(tiny(), "tiny.json"); }

TEST_CASE("trace: conv2d output shape mismatch names the layer and the arithmetic") {
  Layer l = conv("conv2", 64, 64, 3, tensor({1, 64, 55, 56}));
  l.attrs.stride = {2, 2};
  l.attrs.padding = {1, 1, 1, 1};
  const Trace t = single_layer_trace(tensor({1, 64, 112, 112}), l);
  REQUIRE_THROWS_WITH(
      validate_trace(t, "net.json"),
      Contains("net.json: layers[0] 'conv2' (conv2d): output shape [1,64,55,56] but kernel 3x3 "
               "stride 2x2 padding [1,1,1,1] on input [1,64,112,112] gives [1,64,56,56]"));
}

TEST_CASE("trace: conv2d with dilation computes the dilated output size") {
  Layer l = conv("c", 8, 8, 3, tensor({1, 8, 28, 28}));
  l.attrs.dilation = {2, 2};
  l.attrs.padding = {2, 2, 2, 2};
  validate_trace(single_layer_trace(tensor({1, 8, 28, 28}), l), "t");
  l.output = tensor({1, 8, 26, 26});
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 8, 28, 28}), l), "t"),
                      Contains("dilation 2x2") && Contains("gives [1,8,28,28]"));
}

TEST_CASE("trace: depthwise conv2d with groups equal to channels is valid") {
  Layer l = conv("dw", 32, 1, 3, tensor({1, 32, 16, 16}));
  l.attrs.groups = 32;
  l.attrs.padding = {1, 1, 1, 1};
  validate_trace(single_layer_trace(tensor({1, 32, 16, 16}), l), "t");
}

TEST_CASE("trace: grouped conv2d with channels not divisible by groups is rejected") {
  Layer l = conv("g", 8, 2, 1, tensor({1, 8, 4, 4}));
  l.attrs.groups = 4;
  REQUIRE_THROWS_WITH(
      validate_trace(single_layer_trace(tensor({1, 6, 4, 4}), l), "t"),
      Contains("'g'") && Contains("input channels 6 are not divisible by groups 4"));
}

TEST_CASE("trace: depthwise conv2d weight with full input channels is rejected") {
  Layer l = conv("dw", 32, 32, 3, tensor({1, 32, 14, 14}));
  l.attrs.groups = 32;
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 32, 16, 16}), l), "t"),
                      Contains("weights[0] shape [32,32,3,3]") && Contains("[32,1,3,3]"));
}

TEST_CASE("trace: conv2d bias must have one value per output channel") {
  Layer l = conv("c", 8, 3, 1, tensor({1, 8, 4, 4}));
  l.weights.push_back({"bias", tensor({4}, DType::int32)});
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 3, 4, 4}), l), "t"),
                      Contains("bias weights[1] shape [4] must be [8]"));
}

TEST_CASE("trace: duplicate layer names are rejected") {
  Trace t = tiny();
  t.layers[2].name = "relu1";
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("layers[2] 'relu1'") &&
                                                  Contains("already used by an earlier layer"));
}

TEST_CASE("trace: a layer reading a later layer breaks topological order") {
  Trace t = tiny();
  t.layers[1].inputs[0].from = "flat";
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("layers[1] 'relu1'") &&
                                                  Contains("which is layers[3]") &&
                                                  Contains("topological order"));
}

TEST_CASE("trace: a layer reading an unknown name is rejected") {
  Trace t = tiny();
  t.layers[1].inputs[0].from = "ghost";
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("reads 'ghost', which is neither a graph input nor a layer"));
}

TEST_CASE("trace: declared input shape must equal the producer's output") {
  Trace t = tiny();
  t.layers[3].inputs[0].tensor.shape = {1, 4, 2, 2};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("layers[3] 'flat'") &&
                                                  Contains("declares shape [1,4,2,2]") &&
                                                  Contains("'pool' produces [1,4,1,1]"));
}

TEST_CASE("trace: declared input dtype must equal the producer's output") {
  Trace t = tiny();
  t.layers[4].inputs[0].tensor = tensor({1, 4}, DType::int16);
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("declares int16/16 bits but 'flat' produces int8/8"));
}

TEST_CASE("trace: linear inner dimension mismatch is rejected") {
  Layer l = make_layer("fc", Op::linear, tensor({2, 10}));
  l.weights.push_back({"weight", tensor({10, 5})});
  REQUIRE_THROWS_WITH(
      validate_trace(single_layer_trace(tensor({2, 4}), l), "t"),
      Contains("'fc' (linear): inner dimensions differ") && Contains("K=4") && Contains("K=5"));
}

TEST_CASE("trace: matmul inner dimensions and broadcast batch are checked") {
  Layer l = make_layer("mm", Op::matmul, tensor({4, 8, 16, 32}));
  Trace t;
  t.name = "mm";
  t.inputs = {{"a", tensor({4, 8, 16, 64})}, {"b", tensor({1, 64, 32})}};
  l.inputs = {{"a", tensor({4, 8, 16, 64})}, {"b", tensor({1, 64, 32})}};
  t.layers = {l};
  t.outputs = {"mm"};
  validate_trace(t, "t");
  t.inputs[1].tensor.shape = {1, 48, 32};
  t.layers[0].inputs[1].tensor.shape = {1, 48, 32};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("inner dimensions differ"));
}

namespace {

Trace attention_trace(int64_t heads, int64_t kv_heads, int64_t head_dim, int64_t q_width,
                      int64_t kv_width) {
  Trace t;
  t.name = "attn";
  t.inputs = {{"q", tensor({1, 16, q_width}, DType::fp16)},
              {"k", tensor({1, 16, kv_width}, DType::fp16)},
              {"v", tensor({1, 16, kv_width}, DType::fp16)}};
  Layer l = make_layer("attn", Op::attention, tensor({1, 16, q_width}, DType::fp16));
  for (const GraphInput& in : t.inputs) l.inputs.push_back({in.name, in.tensor});
  l.attrs.heads = heads;
  l.attrs.kv_heads = kv_heads;
  l.attrs.head_dim = head_dim;
  t.layers = {l};
  t.outputs = {"attn"};
  return t;
}

}  // namespace

TEST_CASE("trace: grouped-query attention with valid heads passes") {
  validate_trace(attention_trace(32, 8, 128, 4096, 1024), "t");
}

TEST_CASE("trace: attention kv_heads must divide heads") {
  REQUIRE_THROWS_WITH(validate_trace(attention_trace(32, 6, 128, 4096, 768), "t"),
                      Contains("kv_heads 6 does not divide heads 32"));
}

TEST_CASE("trace: attention q width must be heads times head_dim") {
  REQUIRE_THROWS_WITH(validate_trace(attention_trace(32, 8, 128, 4000, 1024), "t"),
                      Contains("heads 32 x head_dim 128 = 4096"));
}

TEST_CASE("trace: max_pool output shape is checked, ceil rounding accepted") {
  Layer l = make_layer("pool", Op::max_pool, tensor({1, 64, 56, 56}));
  l.attrs.kernel = {3, 3};
  l.attrs.stride = {2, 2};
  l.attrs.padding = {1, 1, 1, 1};
  validate_trace(single_layer_trace(tensor({1, 64, 112, 112}), l), "t");
  l.attrs.padding = {0, 0, 0, 0};
  l.output = tensor({1, 64, 28, 28});  // floor gives 27, ceil 28
  validate_trace(single_layer_trace(tensor({1, 64, 56, 56}), l), "t");
  l.output = tensor({1, 64, 30, 30});
  REQUIRE_THROWS_WITH(
      validate_trace(single_layer_trace(tensor({1, 64, 56, 56}), l), "t"),
      Contains("'pool' (max_pool): output shape [1,64,30,30]") && Contains("gives [1,64,27,27]"));
}

TEST_CASE("trace: concat output must sum the inputs along the axis") {
  Trace t;
  t.name = "cat";
  t.inputs = {{"a", tensor({1, 16, 8, 8})}, {"b", tensor({1, 32, 8, 8})}};
  Layer l = make_layer("cat", Op::concat, tensor({1, 40, 8, 8}));
  l.attrs.axis = 1;
  l.inputs = {{"a", tensor({1, 16, 8, 8})}, {"b", tensor({1, 32, 8, 8})}};
  t.layers = {l};
  t.outputs = {"cat"};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("output shape [1,40,8,8] but concatenating along axis 1 gives "
                               "[1,48,8,8]"));
}

TEST_CASE("trace: elementwise operands must broadcast") {
  Trace t;
  t.name = "add";
  t.inputs = {{"a", tensor({1, 16, 8, 8})}, {"b", tensor({1, 16, 1, 1})}};
  Layer l = make_layer("add", Op::elementwise, tensor({1, 16, 8, 8}));
  l.attrs.function = "add";
  l.inputs = {{"a", tensor({1, 16, 8, 8})}, {"b", tensor({1, 16, 1, 1})}};
  t.layers = {l};
  t.outputs = {"add"};
  validate_trace(t, "t");
  t.inputs[1].tensor.shape = {1, 8, 1, 1};
  t.layers[0].inputs[1].tensor.shape = {1, 8, 1, 1};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("do not broadcast"));
}

TEST_CASE("trace: unknown activation function is rejected") {
  Layer l = make_layer("act", Op::activation, tensor({1, 4}));
  l.attrs.function = "rleu";
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 4}), l), "t"),
                      Contains("function 'rleu' is not one of"));
}

TEST_CASE("trace: embedding needs integer token ids and gives [.., dim]") {
  Layer l = make_layer("embed", Op::embedding, tensor({1, 128, 4096}, DType::bf16));
  l.weights.push_back({"table", tensor({32000, 4096}, DType::bf16)});
  validate_trace(single_layer_trace(tensor({1, 128}, DType::int32), l), "t");
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 128}, DType::fp16), l), "t"),
                      Contains("token ids must have an integer dtype"));
}

TEST_CASE("trace: kv_cache_write output must extend the sequence") {
  Layer l = make_layer("kw", Op::kv_cache_write, tensor({1, 4, 1024}, DType::fp16));
  REQUIRE_THROWS_WITH(
      validate_trace(single_layer_trace(tensor({1, 16, 1024}, DType::fp16), l), "t"),
      Contains("must be [B, past + S, width]"));
}

TEST_CASE("trace: kv_cache_read needs no input and a rank-3 output") {
  Trace t;
  t.name = "kr";
  t.layers = {make_layer("kr", Op::kv_cache_read, tensor({1, 2048, 1024}, DType::fp16))};
  t.outputs = {"kr"};
  validate_trace(t, "t");
  t.layers[0].output = tensor({1, 2048}, DType::fp16);
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("output shape [1,2048] has rank 2"));
}

TEST_CASE("trace: reshape must preserve the element count") {
  Layer l = make_layer("r", Op::reshape, tensor({2, 50}));
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 64}), l), "t"),
                      Contains("output shape [2,50] has 100 elements but input [1,64] has 64"));
}

TEST_CASE("trace: flatten gives [N, C*H*W]") {
  Layer l = make_layer("f", Op::flatten, tensor({2, 48}));
  REQUIRE_THROWS_WITH(validate_trace(single_layer_trace(tensor({1, 3, 4, 4}), l), "t"),
                      Contains("gives [1,48]"));
}

TEST_CASE("trace: integer bits above the dtype width are rejected") {
  Trace t = tiny();
  t.layers[0].weights[0].tensor.bits = 9;
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("'conv1'") && Contains("bits 9 must be 1 to 8 for int8"));
}

TEST_CASE("trace: float bits must equal the dtype width") {
  Trace t = tiny();
  t.layers[4].output.bits = 8;
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("bits 8 must equal 16 for fp16"));
}

TEST_CASE("trace: per-channel scales must match the channel axis length") {
  Trace t = tiny();
  t.layers[0].weights[0].tensor.quant.scale = {1.0, 1.0};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("quant has 2 scale(s), expected 4 (one per channel"));
}

TEST_CASE("trace: zero points must match the scales") {
  Trace t = tiny();
  t.layers[0].weights[0].tensor.quant.zero_point = {0, 0, 0};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"), Contains("3 zero point(s), expected 4 or none"));
}

TEST_CASE("trace: outputs must name existing layers") {
  Trace t = tiny();
  t.outputs = {"fc", "logits"};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("outputs[1] 'logits': no layer has this name"));
}

TEST_CASE("trace: a zero dimension is rejected") {
  Trace t = tiny();
  t.inputs[0].tensor.shape = {1, 3, 0, 8};
  REQUIRE_THROWS_WITH(validate_trace(t, "t"),
                      Contains("inputs[0] 'image'") && Contains("has dimension 0"));
}
