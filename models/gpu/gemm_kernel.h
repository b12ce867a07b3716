// A GEMM on the SMs' tensor cores (linear, matmul, implicit-GEMM convolution): the thread-block
// tile, split-K, tiles and waves, tensor time, L2 traffic and HBM traffic from an explicit L2
// reuse model. docs/gpu.md states the equations.
#pragma once

#include <cstdint>

#include "models/core/units.h"
#include "models/gpu/gpu_config.h"
#include "models/gpu/tensor_precision.h"

namespace axsim::gpu {

// C[M][N] = A[M][K] x B[K][N], `repeat` independent instances in one grid (conv groups,
// batched matmul). A is the activation side (im2col rows for a convolution), B the weights.
struct GemmProblem {
  int64_t m = 0, k = 0, n = 0;
  int64_t repeat = 1;
  int a_bits = 8, b_bits = 8, c_bits = 8;
  // Distinct bytes in HBM, over all instances. A convolution's A is its input tensor, which
  // is smaller than the im2col matrix the tiles read; 0 when the operand is already in L2.
  double a_hbm_bytes = 0;
  double b_hbm_bytes = 0;
  TensorRate rate;
};

struct GemmMapping {
  GemmTile tile;
  int64_t split = 1;        // CTAs sharing one output tile's reduction (split-K)
  int64_t tiles = 0;        // CTAs in the grid
  int64_t waves = 0;        // ceil(tiles / SMs): one resident tile per SM
  int64_t tile_cycles = 0;  // tensor-core cycles of one tile, padding included
  double compute_s = 0;     // waves x tile_cycles / clock
  int64_t panels = 1;       // times A streams from HBM (once per panel of B held in L2)
  double a_hbm_bytes = 0;   // A's HBM reads, re-streams included
  double b_hbm_bytes = 0;
  double c_bytes = 0;           // output written
  double l2_bytes = 0;          // operand reads of every tile, output writes, split-K partials
  double l2_read_bytes = 0;     // the reads among them
  double first_read_bytes = 0;  // the first wave's first BK slab
};

// Shared memory a tile needs: `stages` buffers of its A and B slabs.
double tile_shared_memory_bytes(const GemmTile& tile, int a_bits, int b_bits, int64_t stages);

// The mapping with a given tile and split-K (std::invalid_argument if the tile does not fit
// shared memory).
GemmMapping map_gemm_with_tile(const GpuConfig& config, const GemmProblem& problem,
                               const GemmTile& tile, int64_t split);

// The candidate tile and split-K (1, 2, 4, ... up to gpu.gemm.max_split_k, and only while the
// split grid still fits the SMs in one wave) with the smallest
// estimated time max(tensor, HBM at `hbm_peak`, L2). Ties (a memory-bound GEMM has many) go to
// the least tensor time, which leaves the most slack, then to less L2 traffic, then to fewer
// splits.
// InputError naming gpu.gemm.tiles when no candidate fits shared memory.
GemmMapping map_gemm(const GpuConfig& config, const GemmProblem& problem, core::Bandwidth hbm_peak);

}  // namespace axsim::gpu
