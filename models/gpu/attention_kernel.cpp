#include "models/gpu/attention_kernel.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <vector>

namespace axsim::gpu {

namespace {

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

double bytes_of(double elements, int bits) { return elements * bits / 8.0; }

// Tensor-core MMAs issue 64 rows at a time; a CTA takes 128 rows once there are that many.
constexpr int64_t kMmaRows = 64;
constexpr int64_t kBlockRows = 128;
constexpr int64_t kBlockKeys = 128;
// SIMT work of the online softmax per score: scale, running max, subtract, running sum. The
// exponential goes to the special-function units.
constexpr int64_t kSoftmaxFp32OpsPerScore = 4;
constexpr int kPartialBits = 32;

// One CTA's share: its packed rows and the keys it covers.
struct Tile {
  int64_t rows = 0;   // real (unpadded) rows
  int64_t keys = 0;   // keys computed, whole blocks (the diagonal block is computed, masked)
  int64_t pairs = 0;  // visible (row, key) pairs
};

// Keys visible to the query at `position` among `q_len` new queries.
int64_t visible_keys(const AttentionProblem& p, int64_t position) {
  return p.causal ? p.kv_len - p.q_len + position + 1 : p.kv_len;
}

// The row blocks of one (batch, KV head): rows are packed head-major, row r is query
// r mod q_len of the group's head r / q_len.
std::vector<Tile> row_blocks(const AttentionProblem& p, int64_t block_q) {
  const int64_t group = p.heads / p.kv_heads;
  const int64_t rows = group * p.q_len;
  std::vector<Tile> blocks;
  for (int64_t first = 0; first < rows; first += block_q) {
    Tile t;
    t.rows = std::min(block_q, rows - first);
    int64_t widest = 0;
    for (int64_t r = first; r < first + t.rows; ++r) {
      const int64_t keys = visible_keys(p, r % p.q_len);
      t.pairs += keys;
      widest = std::max(widest, keys);
    }
    t.keys = ceil_div(widest, kBlockKeys) * kBlockKeys;
    blocks.push_back(t);
  }
  return blocks;
}

// Longest-first list scheduling of tile lengths (cycles) onto `sms` SMs: the makespan.
int64_t makespan(std::vector<int64_t> lengths, int64_t sms) {
  std::sort(lengths.begin(), lengths.end(), std::greater<int64_t>());
  std::priority_queue<int64_t, std::vector<int64_t>, std::greater<int64_t>> free_at;
  for (int64_t i = 0; i < std::min<int64_t>(sms, static_cast<int64_t>(lengths.size())); ++i) {
    free_at.push(0);
  }
  int64_t end = 0;
  for (const int64_t length : lengths) {
    const int64_t start = free_at.top();
    free_at.pop();
    free_at.push(start + length);
    end = std::max(end, start + length);
  }
  return end;
}

}  // namespace

AttentionMapping map_attention(const GpuConfig& config, const AttentionProblem& p) {
  AttentionMapping m;
  const int64_t group = p.heads / p.kv_heads;
  const int64_t pairs_of_heads = p.batch * p.kv_heads;  // (batch, KV head) pairs
  m.block_q = group * p.q_len <= kMmaRows ? kMmaRows : kBlockRows;
  m.block_kv = kBlockKeys;
  const std::vector<Tile> blocks = row_blocks(p, m.block_q);
  const int64_t base_tiles = pairs_of_heads * static_cast<int64_t>(blocks.size());
  m.split = std::clamp<int64_t>(config.sms / std::max<int64_t>(base_tiles, 1), 1,
                                ceil_div(p.kv_len, kBlockKeys));
  m.tiles = base_tiles * m.split;
  m.waves = ceil_div(m.tiles, config.sms);

  std::vector<int64_t> lengths;
  double kv_reads_per_pair = 0;  // keys the row blocks of one (batch, KV head) read
  int64_t pairs_per_head = 0;
  for (const Tile& block : blocks) {
    pairs_per_head += block.pairs;
    kv_reads_per_pair += static_cast<double>(block.keys);
    const int64_t keys = ceil_div(block.keys / kBlockKeys, m.split) * kBlockKeys;
    const int64_t padded_rows = ceil_div(block.rows, kMmaRows) * kMmaRows;
    const int64_t tensor =
        ceil_div(2 * padded_rows * keys * p.head_dim, p.rate.macs_per_sm_per_cycle);
    const int64_t scores = block.rows * keys;
    const int64_t simt =
        std::max(ceil_div(scores * kSoftmaxFp32OpsPerScore, config.fp32_ops_per_sm_per_cycle),
                 ceil_div(scores, config.sfu_ops_per_sm_per_cycle));
    // Hopper flash attention overlaps the softmax of one block with the MMAs of the next.
    const int64_t length = std::max(tensor, simt);
    for (int64_t i = 0; i < pairs_of_heads * m.split; ++i) lengths.push_back(length);
  }
  m.compute_s = static_cast<double>(makespan(lengths, config.sms)) / config.clock.si;

  m.scores = pairs_per_head * pairs_of_heads;
  m.macs = 2 * m.scores * p.head_dim;
  m.fp32_ops = kSoftmaxFp32OpsPerScore * m.scores;
  m.sfu_ops = m.scores;

  const double q_bytes =
      bytes_of(static_cast<double>(p.batch * p.q_len * p.heads * p.head_dim), p.q_bits);
  const double kv_bytes_per_key = bytes_of(static_cast<double>(2 * p.head_dim), p.kv_bits);
  const double kv_bytes = kv_bytes_per_key * static_cast<double>(p.kv_len * pairs_of_heads);
  const double kv_reads =
      kv_bytes_per_key * kv_reads_per_pair * static_cast<double>(pairs_of_heads);
  m.o_bytes = bytes_of(static_cast<double>(p.batch * p.q_len * p.heads * p.head_dim), p.o_bits);
  m.q_hbm_bytes = p.q_in_l2 ? 0.0 : q_bytes;
  // K and V of the heads in flight stay in L2 while their row blocks pass over them, unless
  // they do not fit its reuse share; then every row block streams its keys again.
  const int64_t heads_in_flight = std::clamp<int64_t>(
      ceil_div(config.sms, static_cast<int64_t>(blocks.size()) * m.split), 1, pairs_of_heads);
  const double in_flight = kv_bytes_per_key * static_cast<double>(p.kv_len * heads_in_flight);
  const bool reused = in_flight <= config.l2_capacity.si * config.l2_reuse_fraction;
  m.kv_hbm_bytes = p.kv_in_l2 ? 0.0 : (reused ? kv_bytes : kv_reads);

  const double partials =
      m.split > 1
          ? 2.0 * bytes_of(static_cast<double>(m.split * p.batch * p.q_len * p.heads * p.head_dim),
                           kPartialBits)
          : 0.0;
  m.l2_read_bytes = q_bytes * static_cast<double>(m.split) + kv_reads + partials / 2;
  m.l2_bytes = m.l2_read_bytes + m.o_bytes + partials / 2;

  const double first_wave = static_cast<double>(std::min(m.tiles, config.sms));
  const double slab = bytes_of(static_cast<double>(m.block_q * p.head_dim), p.q_bits) +
                      kv_bytes_per_key * static_cast<double>(kBlockKeys);
  m.first_read_bytes = std::min(first_wave * slab, m.q_hbm_bytes + m.kv_hbm_bytes);
  return m;
}

}  // namespace axsim::gpu
