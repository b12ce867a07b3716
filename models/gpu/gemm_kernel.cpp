#include "models/gpu/gemm_kernel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/core/error.h"

namespace axsim::gpu {

namespace {

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

double bytes_of(double elements, int bits) { return elements * bits / 8.0; }

// Split-K partial sums are fp32, written by every split and read back by the reduction.
constexpr int kPartialBits = 32;

// Times A must stream from HBM: once if it stays in the L2's reuse share, else once per panel
// of B columns that fits there (the grid is rasterised panel by panel).
int64_t a_panels(const GpuConfig& config, const GemmProblem& p, const GemmTile& tile) {
  const double budget = config.l2_capacity.si * config.l2_reuse_fraction;
  if (p.a_hbm_bytes <= 0 || p.a_hbm_bytes / static_cast<double>(p.repeat) <= budget) return 1;
  const double column_bytes = bytes_of(static_cast<double>(p.k), p.b_bits);
  const int64_t fit = static_cast<int64_t>(budget / column_bytes) / tile.n * tile.n;
  return ceil_div(p.n, std::max(fit, tile.n));
}

}  // namespace

double tile_shared_memory_bytes(const GemmTile& tile, int a_bits, int b_bits, int64_t stages) {
  return static_cast<double>(stages) * (bytes_of(static_cast<double>(tile.m * tile.k), a_bits) +
                                        bytes_of(static_cast<double>(tile.k * tile.n), b_bits));
}

GemmMapping map_gemm_with_tile(const GpuConfig& config, const GemmProblem& p, const GemmTile& tile,
                               int64_t split) {
  if (tile_shared_memory_bytes(tile, p.a_bits, p.b_bits, config.pipeline_stages) >
      config.shared_memory_per_sm.si) {
    throw std::invalid_argument("GEMM tile does not fit shared memory");
  }
  GemmMapping g;
  g.tile = tile;
  g.split = split;
  const int64_t row_tiles = ceil_div(p.m, tile.m);
  const int64_t col_tiles = ceil_div(p.n, tile.n);
  const int64_t k_steps = ceil_div(ceil_div(p.k, tile.k), split);
  g.tiles = row_tiles * col_tiles * split * p.repeat;
  g.waves = ceil_div(g.tiles, config.sms);
  g.tile_cycles = ceil_div(tile.m * tile.n * k_steps * tile.k, p.rate.macs_per_sm_per_cycle);
  g.compute_s = static_cast<double>(g.waves * g.tile_cycles) / config.clock.si;

  g.panels = a_panels(config, p, tile);
  g.a_hbm_bytes = p.a_hbm_bytes * static_cast<double>(g.panels);
  g.b_hbm_bytes = p.b_hbm_bytes;
  const double instances = static_cast<double>(p.repeat);
  g.c_bytes = bytes_of(static_cast<double>(p.m * p.n) * instances, p.c_bits);
  // Each tile reads its BM rows of A and BN columns of B over the whole reduction; the CTAs of
  // a cluster (neighbours along M) receive each B slab from one multicast read.
  const double a_reads = bytes_of(static_cast<double>(p.m * p.k), p.a_bits) * col_tiles;
  const double b_reads =
      bytes_of(static_cast<double>(p.k * p.n), p.b_bits) *
      static_cast<double>(ceil_div(row_tiles, std::min(config.cluster, row_tiles)));
  const double partials =
      split > 1 ? 2.0 * bytes_of(static_cast<double>(split * p.m * p.n), kPartialBits) : 0.0;
  g.l2_read_bytes = (a_reads + b_reads + partials / 2) * instances;
  g.l2_bytes = (a_reads + b_reads + partials) * instances + g.c_bytes;

  const double first_wave = static_cast<double>(std::min(g.tiles, config.sms));
  const double slab = bytes_of(static_cast<double>(tile.m * tile.k), p.a_bits) +
                      bytes_of(static_cast<double>(tile.k * tile.n), p.b_bits);
  g.first_read_bytes = std::min(first_wave * slab, g.a_hbm_bytes + g.b_hbm_bytes);
  return g;
}

GemmMapping map_gemm(const GpuConfig& config, const GemmProblem& p, core::Bandwidth hbm_peak) {
  bool found = false;
  GemmMapping best;
  double best_time = 0;
  for (const GemmTile& tile : config.gemm_tiles) {
    if (tile_shared_memory_bytes(tile, p.a_bits, p.b_bits, config.pipeline_stages) >
        config.shared_memory_per_sm.si) {
      continue;
    }
    const int64_t k_tiles = ceil_div(p.k, tile.k);
    const int64_t grid = ceil_div(p.m, tile.m) * ceil_div(p.n, tile.n) * p.repeat;
    // Split-K only to fill SMs a small grid leaves idle, as library heuristics use it.
    for (int64_t split = 1; split <= config.max_split_k && split <= k_tiles &&
                            (split == 1 || grid * split <= config.sms);
         split *= 2) {
      const GemmMapping g = map_gemm_with_tile(config, p, tile, split);
      const double hbm_s = (g.a_hbm_bytes + g.b_hbm_bytes + g.c_bytes) / hbm_peak.si;
      const double time = std::max({g.compute_s, hbm_s, g.l2_bytes / config.l2_bandwidth.si});
      const bool better =
          !found || time < best_time ||
          (time == best_time && (g.compute_s < best.compute_s ||
                                 (g.compute_s == best.compute_s && g.l2_bytes < best.l2_bytes)));
      if (better) {
        found = true;
        best = g;
        best_time = time;
      }
    }
  }
  if (!found) {
    throw core::InputError(config.tiles_origin.location, config.tiles_origin.key,
                           "no GEMM tile fits " + core::format_bytes(config.shared_memory_per_sm) +
                               " of shared memory with " + std::to_string(p.a_bits) + "-bit and " +
                               std::to_string(p.b_bits) + "-bit operands and " +
                               std::to_string(config.pipeline_stages) + " pipeline stages");
  }
  return best;
}

}  // namespace axsim::gpu
