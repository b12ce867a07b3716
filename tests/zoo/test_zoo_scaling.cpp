// How generated work scales with the options: batch, input size, LLM phase, GQA, dtype.
#include <catch2/catch.hpp>
#include <string>

#include "workloads/trace/counts.h"
#include "workloads/trace/trace_io.h"
#include "workloads/trace/validate.h"
#include "workloads/zoo/zoo.h"

namespace axsim::zoo {
namespace {

trace::TraceCounts counts(const std::string& name, const ZooOptions& o) {
  const trace::Trace t = make_network(name, o);
  trace::validate_trace(t, name);
  return trace::count_trace(t);
}

// Bytes of all layers of one op.
int64_t op_bytes(const trace::Trace& t, trace::Op op) {
  int64_t bytes = 0;
  for (const trace::Layer& l : t.layers) {
    if (l.op == op) bytes += trace::tensor_bytes(l.output);
  }
  return bytes;
}

TEST_CASE("MACs scale with the batch, parameters do not") {
  ZooOptions o;
  const trace::TraceCounts one = counts("resnet50", o);
  o.batch = 4;
  const trace::TraceCounts four = counts("resnet50", o);
  CHECK(four.macs == 4 * one.macs);
  CHECK(four.params == one.params);
  CHECK(four.activation_bytes == 4 * one.activation_bytes);
}

TEST_CASE("doubling the image side quadruples the conv MACs") {
  ZooOptions o;
  const trace::TraceCounts base = counts("resnet18", o);
  o.input_size = 448;
  const trace::TraceCounts big = counts("resnet18", o);
  // The fc layer (0.5 M MACs) does not grow with the image.
  const int64_t fc = 512 * 1000;
  CHECK(big.macs - fc == 4 * (base.macs - fc));
  CHECK(big.params == base.params);
}

TEST_CASE("YOLO and ViT follow the input size") {
  ZooOptions o;
  o.input_size = 320;
  const trace::TraceCounts small = counts("yolov8n", o);
  o.input_size = 640;
  CHECK(static_cast<double>(counts("yolov8n", o).macs) ==
        Approx(4.0 * static_cast<double>(small.macs)).epsilon(0.001));
  o.input_size = 384;  // 576 patches + class token
  const trace::Trace vit = make_network("vit-b16", o);
  trace::validate_trace(vit, "vit-b16");
  CHECK(vit.layers.back().output.shape == std::vector<int64_t>{1, 577, 1000});
}

TEST_CASE("decode reads the whole KV cache, prefill only writes it") {
  ZooOptions o;
  o.seq_len = 256;
  const trace::Trace prefill = make_network("llama2-7b", o);
  trace::validate_trace(prefill, "prefill");
  CHECK(op_bytes(prefill, trace::Op::kv_cache_read) == 0);
  CHECK(op_bytes(prefill, trace::Op::kv_cache_write) == int64_t{2} * 32 * 256 * 4096);

  o = ZooOptions{};
  o.phase = "decode";
  o.context = 1000;
  o.batch = 2;
  const trace::Trace decode = make_network("llama2-7b", o);
  trace::validate_trace(decode, "decode");
  // k and v of 32 layers, 1000 cached + 1 new token each, int8.
  CHECK(op_bytes(decode, trace::Op::kv_cache_read) == int64_t{2} * 2 * 32 * 1001 * 4096);
  for (const trace::Layer& l : decode.layers) {
    if (l.op != trace::Op::attention) continue;
    CHECK(l.inputs[0].tensor.shape == std::vector<int64_t>{2, 1, 4096});
    CHECK(l.inputs[1].tensor.shape == std::vector<int64_t>{2, 1001, 4096});
  }
  // One token per sequence: one MAC per weight (less the embedding table and norm gains),
  // plus QK^T and AV of 32 heads of 128 over the 1001 cached tokens, in each of 32 layers.
  const trace::TraceCounts c = trace::count_trace(decode);
  const double weights = static_cast<double>(c.params) - 32000.0 * 4096 - 4096.0 * 65;
  const double attention = 32.0 * 32 * 1001 * 128 * 2;
  CHECK(static_cast<double>(c.macs) == Approx(2.0 * (weights + attention)));
}

TEST_CASE("grouped-query attention shrinks the KV cache by heads / kv_heads") {
  ZooOptions o;
  o.phase = "decode";
  const trace::Trace t = make_network("llama2-70b", o);
  trace::validate_trace(t, "llama2-70b");
  int attention_layers = 0;
  for (const trace::Layer& l : t.layers) {
    if (l.op != trace::Op::attention) continue;
    ++attention_layers;
    CHECK(l.attrs.heads == 64);
    CHECK(l.attrs.kv_heads == 8);
    CHECK(l.attrs.head_dim == 128);
  }
  CHECK(attention_layers == 80);
  // Full multi-head attention would cache 64 x 128 = 8192 values per token and layer for k
  // and again for v; GQA caches 8 x 128.
  const int64_t mha_bytes = int64_t{2} * 80 * 2049 * 8192;
  CHECK(op_bytes(t, trace::Op::kv_cache_read) * 8 == mha_bytes);
}

TEST_CASE("the dtype sets the bytes and integer traces carry quantization") {
  ZooOptions o;
  const trace::TraceCounts int8 = counts("mobilenet-v2", o);
  o.dtype = trace::DType::int4;
  const trace::Trace t4 = make_network("mobilenet-v2", o);
  trace::validate_trace(t4, "int4");
  const trace::TraceCounts int4 = trace::count_trace(t4);
  CHECK(int4.activation_bytes * 2 == int8.activation_bytes);
  CHECK(int4.weight_bytes < int8.weight_bytes);
  const trace::Tensor& w = t4.layers.front().weights.front().tensor;
  CHECK(w.quant.scheme == trace::QuantScheme::per_channel);
  CHECK(w.quant.scale.size() == static_cast<size_t>(w.shape[0]));

  o.dtype = trace::DType::bf16;
  const trace::Trace bf = make_network("bert-base", o);
  trace::validate_trace(bf, "bf16");
  for (const trace::Layer& l : bf.layers) {
    CHECK(l.output.quant.scheme == trace::QuantScheme::none);
  }
}

// A CNN (windows, per-channel scales) and a transformer (attention, embeddings, norms)
// cover most ops the zoo emits; larger traces are left out only for test time.
TEST_CASE("generated traces survive a JSON round trip") {
  for (const char* name : {"ds-cnn", "bert-base"}) {
    const trace::Trace t = make_network(name, ZooOptions{});
    const trace::Trace reread = trace::parse_trace_json(trace::trace_to_json(t), name);
    REQUIRE_NOTHROW(trace::validate_trace(reread, name));
    const trace::TraceCounts a = trace::count_trace(t);
    const trace::TraceCounts b = trace::count_trace(reread);
    CHECK(b.macs == a.macs);
    CHECK(b.weight_bytes == a.weight_bytes);
    CHECK(b.activation_bytes == a.activation_bytes);
  }
}

TEST_CASE("a 70B trace stays small: per-tensor scales, no per-channel vectors") {
  ZooOptions o;
  const std::string json = trace::trace_to_json(make_network("llama2-70b", o));
  CHECK(json.size() < 4u * 1024 * 1024);
}

}  // namespace
}  // namespace axsim::zoo
