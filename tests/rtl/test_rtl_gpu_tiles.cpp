// The GPU's thread-block tiles on the RTL. The GPU model prices a tile at the tensor cores'
// peak rate, k-step after k-step with no fill or drain (Hopper issues its MMAs back to back);
// the compute model (cycle-exact against hw/rtl/systolic_array.sv) says what an array that
// does not overlap its folds pays on top. Each tile shape the mapper picks on real networks is
// scaled onto the verilated 8 x 8 array (an SM's 4,096 int8 MACs per cycle are a 64 x 64
// array: every dimension divided by 8) and run there: the compute model must match the RTL
// cycle for cycle and bit for bit, and the GPU's figure must be the RTL's less no more than
// the fill and drain of each fold (docs/validation.md gives the gaps).
#include <catch2/catch.hpp>
#include <set>
#include <tuple>

#include "hw/rtl_check.h"
#include "hw/systolic_facade.h"
#include "models/compute/reference_gemm.h"
#include "models/compute/systolic_array.h"
#include "models/gpu/mapper.h"
#include "tests/gpu/fixtures.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;

namespace {

constexpr int64_t kScale = 8;       // 64 x 64 SM array onto the 8 x 8 RTL array
constexpr int64_t kSmMacs = 4096;   // int8 MACs per SM per cycle, H100

using Tile = std::tuple<int64_t, int64_t, int64_t>;  // BM, BN, BK

// The GEMM tiles the mapper chooses for Llama-2-7B prefill and decode and for ResNet-50.
std::set<Tile> tiles_the_mapper_picks() {
  const gpu::GpuConfig config = test::parse_gpu(test::h100_like_section_text("3.35 TB/s"));
  const gpu::MemoryFacts memory{core::bytes_per_second(3.35e12), 80e9, {1, 80000000000}};
  std::set<Tile> tiles;
  zoo::ZooOptions prefill;
  prefill.seq_len = 512;
  zoo::ZooOptions decode;
  decode.phase = "decode";
  decode.batch = 8;
  for (const trace::Trace& t :
       {zoo::make_network("llama2-7b", prefill), zoo::make_network("llama2-7b", decode),
        zoo::make_network("resnet50", {})}) {
    for (const gpu::KernelPlan& k : gpu::map_trace(config, t, memory).kernels) {
      if (k.kind == gpu::KernelKind::gemm) tiles.insert({k.tile_m, k.tile_n, k.tile_k});
    }
  }
  return tiles;
}

}  // namespace

TEST_CASE("gpu tiles: the mapper's tile shapes run on the RTL as the compute model says",
          "[rtl]") {
  const std::set<Tile> tiles = tiles_the_mapper_picks();
  REQUIRE(tiles.size() >= 2);
  const compute::ArrayConfig array{{kScale, kScale}, compute::Dataflow::output_stationary, 1};
  uint64_t seed = 1;
  for (const auto& [bm, bn, bk] : tiles) {
    // One k-step, a 512-deep and a 4,096-deep reduction (Llama-2-7B's hidden size).
    for (const int64_t k_steps : {1, 8, 64}) {
      const int64_t m = bm / kScale, n = bn / kScale, k = bk * k_steps / kScale;
      INFO("tile " << bm << "x" << bn << "x" << bk << ", " << k_steps << " k-steps");
      REQUIRE(m * kScale == bm);
      REQUIRE(n * kScale == bn);
      const std::vector<int8_t> a = hw::random_int8_matrix(m, k, seed++);
      const std::vector<int8_t> b = hw::random_int8_matrix(k, n, seed++);
      const hw::RtlGemmResult rtl = hw::run_gemm_on_rtl(
          kScale, kScale, compute::Dataflow::output_stationary, m, k, n, a, b);
      CHECK(rtl.c == compute::reference_gemm(m, k, n, a, b));
      const compute::GemmTiming model = compute::time_gemm(array, {m, k, n});
      CHECK(rtl.cycles == model.cycles);

      // The GPU's figure for the same tile, at the same scale: MACs at the peak rate.
      const double gpu_cycles =
          static_cast<double>(bm * bn * bk * k_steps) / kSmMacs / kScale;
      CHECK(gpu_cycles <= static_cast<double>(rtl.cycles));
      CHECK(gpu_cycles ==
            Approx(static_cast<double>(rtl.cycles - model.fill_drain_cycles - model.load_cycles)));
      // Deep reductions, where prefill spends its time, lose under 5% to fill and drain.
      if (k_steps == 64) CHECK(gpu_cycles / static_cast<double>(rtl.cycles) > 0.95);
    }
  }
}
