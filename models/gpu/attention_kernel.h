// Fused flash attention (Q·Kᵀ, online softmax, ·V in one kernel; the score matrix never leaves
// the SM). A CTA owns one (batch, KV head, block of query rows): the query heads of a GQA
// group are packed as rows so K and V are read once per group. Causal masking skips the key
// blocks above the diagonal. When the grid is smaller than the GPU the keys are split across
// CTAs (flash-decoding) and the partial results combined. docs/gpu.md states the equations.
#pragma once

#include <cstdint>

#include "models/gpu/gpu_config.h"
#include "models/gpu/tensor_precision.h"

namespace axsim::gpu {

struct AttentionProblem {
  int64_t batch = 1;
  int64_t q_len = 0;   // new queries per sequence
  int64_t kv_len = 0;  // keys per sequence (cached + new)
  int64_t heads = 0;
  int64_t kv_heads = 0;
  int64_t head_dim = 0;
  bool causal = false;  // a query sees the keys up to its own position
  int q_bits = 8, kv_bits = 8, o_bits = 8;
  bool q_in_l2 = false;   // Q was just written and is still in L2
  bool kv_in_l2 = false;  // K and V were just written and are still in L2
  TensorRate rate;
};

struct AttentionMapping {
  int64_t block_q = 0;   // packed query rows per CTA (64 or 128)
  int64_t block_kv = 0;  // keys per inner step
  int64_t split = 1;     // CTAs sharing one row block's keys
  int64_t tiles = 0;
  int64_t waves = 0;     // ceil(tiles / SMs); tiles differ in length under a causal mask
  double compute_s = 0;  // longest SM after longest-first scheduling of the tiles
  int64_t macs = 0;      // Q·Kᵀ and P·V over the visible (query, key) pairs
  int64_t scores = 0;    // visible (query, key) pairs over all heads
  int64_t fp32_ops = 0;
  int64_t sfu_ops = 0;
  double q_hbm_bytes = 0;
  double kv_hbm_bytes = 0;
  double o_bytes = 0;
  double l2_bytes = 0;
  double l2_read_bytes = 0;
  double first_read_bytes = 0;
};

AttentionMapping map_attention(const GpuConfig& config, const AttentionProblem& problem);

}  // namespace axsim::gpu
