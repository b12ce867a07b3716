// The GPU's kernel mapping without a simulation kernel: tiles and waves, the L2 reuse model,
// flash attention's traffic and work, precision fallback, sharding and the capacity check.
#include <catch2/catch.hpp>
#include <string>

#include "models/core/error.h"
#include "models/gpu/attention_kernel.h"
#include "models/gpu/gemm_kernel.h"
#include "models/gpu/l2_residency.h"
#include "models/gpu/mapper.h"
#include "models/gpu/tensor_parallel.h"
#include "models/gpu/tensor_precision.h"
#include "tests/gpu/fixtures.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;

namespace {

gpu::GemmProblem int8_gemm(int64_t m, int64_t k, int64_t n) {
  gpu::GemmProblem p;
  p.m = m;
  p.k = k;
  p.n = n;
  p.a_hbm_bytes = static_cast<double>(m * k);
  p.b_hbm_bytes = static_cast<double>(k * n);
  p.rate = {trace::DType::int8, 4096};
  return p;
}

trace::Trace llama_7b(const std::string& phase, int64_t batch = 1) {
  zoo::ZooOptions options;
  options.phase = phase;
  options.batch = batch;
  return zoo::make_network("llama2-7b", options);
}

// An unstriped memory: the ideal memory's view.
gpu::MemoryFacts memory(double bandwidth, double capacity) {
  gpu::MemoryFacts facts;
  facts.peak_bandwidth = core::Bandwidth(bandwidth);
  facts.capacity_bytes = capacity;
  facts.interleave = {1, static_cast<std::uint64_t>(capacity)};
  return facts;
}

gpu::MemoryFacts h100_memory() { return memory(3.35e12, 80e9); }

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("gpu mapper: one tile more than there are SMs takes a second wave") {
  test::GpuSetup setup;
  setup.sms = 132;
  const gpu::GpuConfig config = test::parse_gpu(test::gpu_section_text(setup));
  const gpu::GemmTile tile{128, 128, 64};
  const gpu::GemmMapping full =
      gpu::map_gemm_with_tile(config, int8_gemm(128 * 12, 4096, 128 * 11), tile, 1);
  const gpu::GemmMapping one_more =
      gpu::map_gemm_with_tile(config, int8_gemm(128, 4096, 128 * 133), tile, 1);
  CHECK(full.tiles == 132);
  CHECK(full.waves == 1);
  CHECK(one_more.tiles == 133);
  CHECK(one_more.waves == 2);
  CHECK(one_more.compute_s == Approx(2 * full.compute_s));
}

TEST_CASE("gpu mapper: a partial tile costs a whole tile") {
  const gpu::GpuConfig config = test::parse_gpu(test::gpu_section_text({}));
  const gpu::GemmTile tile{128, 128, 64};
  const gpu::GemmMapping exact =
      gpu::map_gemm_with_tile(config, int8_gemm(128, 4096, 128), tile, 1);
  const gpu::GemmMapping ragged = gpu::map_gemm_with_tile(config, int8_gemm(1, 4096, 128), tile, 1);
  CHECK(ragged.tile_cycles == exact.tile_cycles);
  CHECK(exact.tile_cycles == 128 * 128 * 4096 / 4096);
}

TEST_CASE("gpu mapper: A streams from HBM once per panel of B when it does not fit L2") {
  test::GpuSetup setup;
  setup.l2_capacity = "1 MB";  // 500 kB reuse share: 488 columns of K = 1024 bytes
  const gpu::GpuConfig config = test::parse_gpu(test::gpu_section_text(setup));
  const gpu::GemmMapping big_a =
      gpu::map_gemm_with_tile(config, int8_gemm(4096, 1024, 4096), {128, 128, 64}, 1);
  CHECK(big_a.panels == 11);  // panels of 384 columns (3 tiles wide)
  CHECK(big_a.a_hbm_bytes == Approx(4096.0 * 1024 * 11));
  CHECK(big_a.b_hbm_bytes == Approx(1024.0 * 4096));
  const gpu::GemmMapping small_a =
      gpu::map_gemm_with_tile(config, int8_gemm(256, 1024, 4096), {128, 128, 64}, 1);
  CHECK(small_a.panels == 1);
  CHECK(small_a.a_hbm_bytes == Approx(256.0 * 1024));
}

TEST_CASE("gpu mapper: the chosen GEMM tile fits shared memory and none fitting is an error") {
  test::GpuSetup setup;
  setup.tiles = "[[256, 256, 256]]";  // 2 x (64 + 64) KiB at int8 > 228 KiB
  const gpu::GpuConfig config = test::parse_gpu(test::gpu_section_text(setup));
  try {
    gpu::map_gemm(config, int8_gemm(1024, 1024, 1024), core::Bandwidth(1e12));
    FAIL("expected an InputError");
  } catch (const core::InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("test.yaml:"));
    CHECK_THAT(e.what(), Catch::Contains("gemm.tiles"));
    CHECK_THAT(e.what(), Catch::Contains("no GEMM tile fits"));
  }
  const gpu::GpuConfig defaults = test::parse_gpu(test::gpu_section_text({}));
  const gpu::GemmMapping g =
      gpu::map_gemm(defaults, int8_gemm(4096, 4096, 4096), core::Bandwidth(1e12));
  CHECK(gpu::tile_shared_memory_bytes(g.tile, 8, 8, 2) <= 228 * 1024);
  CHECK(g.waves >= 1);
}

TEST_CASE("gpu mapper: a precision without a rate runs at the next wider one") {
  const gpu::GpuConfig config = test::parse_gpu(test::gpu_section_text({}));  // int8 only
  const gpu::TensorRate int4 = gpu::tensor_rate(config, trace::DType::int4, "fc");
  CHECK(int4.precision == trace::DType::int8);
  CHECK(int4.macs_per_sm_per_cycle == 4096);
  try {
    gpu::tensor_rate(config, trace::DType::bf16, "fc");
    FAIL("expected an InputError");
  } catch (const core::InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("'fc' multiplies bf16"));
    CHECK_THAT(e.what(), Catch::Contains("bf16, fp16, fp32"));
    CHECK_THAT(e.what(), Catch::Contains("it has int8"));
  }
}

TEST_CASE("gpu mapper: decode attention reads the KV cache once and splits it over the SMs") {
  const gpu::GpuConfig config = test::parse_gpu(test::h100_like_section_text("3.35 TB/s"));
  gpu::AttentionProblem p;
  p.q_len = 1;
  p.kv_len = 2049;
  p.heads = 64;
  p.kv_heads = 8;  // grouped-query: 8 query heads share each KV head
  p.head_dim = 128;
  p.rate = {trace::DType::int8, 4096};
  const gpu::AttentionMapping m = gpu::map_attention(config, p);
  CHECK(m.kv_hbm_bytes == Approx(2.0 * 2049 * 8 * 128));
  CHECK(m.macs == 2 * 64 * 2049 * 128);
  CHECK(m.split > 1);
  CHECK(m.tiles <= config.sms);
}

TEST_CASE("gpu mapper: causal prefill attention does about half the work of the full square") {
  const gpu::GpuConfig config = test::parse_gpu(test::h100_like_section_text("3.35 TB/s"));
  gpu::AttentionProblem p;
  p.q_len = 2048;
  p.kv_len = 2048;
  p.heads = 32;
  p.kv_heads = 32;
  p.head_dim = 128;
  p.rate = {trace::DType::int8, 4096};
  const gpu::AttentionMapping full = gpu::map_attention(config, p);
  p.causal = true;
  const gpu::AttentionMapping causal = gpu::map_attention(config, p);
  CHECK(static_cast<double>(causal.macs) / static_cast<double>(full.macs) ==
        Approx(0.5).epsilon(0.01));
  CHECK(causal.compute_s / full.compute_s == Approx(0.5).epsilon(0.1));
  // K and V of the heads in flight fit the L2 share: read from HBM once, not per query block.
  CHECK(full.kv_hbm_bytes == Approx(2.0 * 2048 * 32 * 128));
}

TEST_CASE("gpu mapper: an activation stays in L2 until enough other data pushed it out") {
  gpu::L2Residency l2(1000);
  l2.produce("a", 400);
  CHECK(l2.holds("a", 400));
  CHECK_FALSE(l2.holds("a", 401));
  l2.pass(600);
  CHECK(l2.holds("a", 400));
  l2.pass(1);
  CHECK_FALSE(l2.holds("a", 400));
  CHECK_FALSE(l2.holds("never", 1));
}

TEST_CASE("gpu mapper: a decode step streams the weights once and the KV cache inside attention") {
  const gpu::GpuConfig config = test::parse_gpu(test::h100_like_section_text("3.35 TB/s"));
  const gpu::GpuPlan plan = gpu::map_trace(config, llama_7b("decode"), h100_memory());
  double weights = 0;
  double attention_reads = 0;
  int fused = 0;
  for (const gpu::KernelPlan& k : plan.kernels) {
    if (k.op == "linear") weights += k.hbm_read_bytes;
    if (k.op == "attention") attention_reads += k.hbm_read_bytes;
    if (k.op == "kv_cache_read") {
      CHECK(k.kind == gpu::KernelKind::fused);
      ++fused;
    }
  }
  CHECK(fused == 64);
  // 32 layers x (4 x 4096^2 + 3 x 4096 x 11008) + 32000 x 4096 int8 weights, activations aside.
  CHECK(weights ==
        Approx(32.0 * (4 * 4096.0 * 4096 + 3 * 4096.0 * 11008) + 32000.0 * 4096).epsilon(0.001));
  CHECK(attention_reads == Approx(32.0 * 2 * 2049 * 4096).epsilon(0.001));
  CHECK(plan.tokens == 1);
}

TEST_CASE("gpu mapper: a trace larger than HBM is refused with what it needs and what there is") {
  const gpu::GpuConfig config = test::parse_gpu(test::h100_like_section_text("3.35 TB/s", "4 GB"));
  try {
    gpu::map_trace(config, llama_7b("decode"), memory(3.35e12, 4e9));
    FAIL("expected an InputError");
  } catch (const core::InputError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("test.yaml:"));
    CHECK_THAT(message, Catch::Contains("key 'ideal_memory'"));
    CHECK_THAT(message, Catch::Contains("trace 'llama2-7b-decode' needs 6."));
    CHECK_THAT(message, Catch::Contains("weights 6."));
    CHECK_THAT(message, Catch::Contains("KV cache 512 MiB"));
    CHECK_THAT(message, Catch::Contains("but the memory holds 3.73 GiB"));
  }
}

TEST_CASE(
    "gpu mapper: tensor parallelism all-reduces after the attention output and MLP down "
    "projections") {
  const gpu::GpuConfig config =
      test::parse_gpu(test::h100_like_section_text("3.35 TB/s", "80 GB", 8));
  zoo::ZooOptions options;
  options.phase = "decode";
  const trace::Trace t = zoo::make_network("llama2-70b", options);
  const gpu::GpuPlan plan = gpu::map_trace(config, t, h100_memory());
  int reduced = 0;
  for (const gpu::KernelPlan& k : plan.kernels) {
    if (k.allreduce_bytes == 0) continue;
    ++reduced;
    CHECK((ends_with(k.name, ".o_proj") || ends_with(k.name, ".down_proj")));
    CHECK(k.allreduce_bytes == Approx(8192));  // one token's hidden state, int8
    CHECK(k.allreduce_s == Approx(2.0 * 7 / 8 * 8192 / 450e9 + 14e-6));
  }
  CHECK(reduced == 160);
  // Each GPU holds an eighth of the projections and all of the small replicated tensors.
  CHECK(plan.footprint.weight_bytes < 69e9 / 8 * 1.05);
}

TEST_CASE("gpu mapper: heads the tensor-parallel group cannot share evenly are refused") {
  const gpu::GpuConfig config =
      test::parse_gpu(test::h100_like_section_text("3.35 TB/s", "80 GB", 16));
  zoo::ZooOptions options;
  options.phase = "decode";
  try {
    gpu::map_trace(config, zoo::make_network("llama2-70b", options), h100_memory());
    FAIL("expected an InputError");
  } catch (const core::InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("parallel.gpus"));
    CHECK_THAT(e.what(), Catch::Contains("8 KV heads, which 16 GPUs cannot share evenly"));
  }
}

TEST_CASE("gpu config: memory and ideal_memory exclude each other and unknown keys are refused") {
  const std::string base = test::gpu_section_text({});
  CHECK_THROWS_WITH(test::parse_gpu(base + "memory: ../mem/h100-hbm3.yaml\n"),
                    Catch::Contains("either memory (a DRAM memory preset) or ideal_memory"));
  CHECK_THROWS_WITH(test::parse_gpu(base + "smz: 4\n"),
                    Catch::Contains("unknown key 'smz' (did you mean 'sms'?)"));
  CHECK_THROWS_WITH(test::parse_gpu(base + "parallel: {gpus: 2}\n"),
                    Catch::Contains("parallel.link_bandwidth': missing required key"));
}
