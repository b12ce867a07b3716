// The mapper's output: one kernel per trace layer, with the work its SMs do, the bytes it
// moves through L2 and HBM, and where in HBM they live. The SystemC model replays exactly
// this; nothing in it depends on a simulation kernel.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace axsim::gpu {

enum class KernelKind {
  gemm,        // tensor-core GEMM or implicit-GEMM convolution
  attention,   // fused flash attention
  stream,      // SIMT kernel streaming its operands: elementwise, norms, copies, pooling
  fused,       // done inside another kernel (a KV-cache read its attention streams)
  shape_only,  // reshape / flatten: nothing runs
};

// The roofs of the roofline a kernel is held against.
enum class Roof { tensor, vector, hbm, l2 };
const char* roof_name(Roof roof);

// One HBM access: `bytes` from `address`, contiguous, or striped over the stacks as
// `chunk_bytes` every `stride_bytes` (hbm_layout.h says when).
struct HbmAccess {
  std::uint64_t address = 0;
  std::uint64_t bytes = 0;
  bool write = false;
  std::uint64_t chunk_bytes = 0;  // 0: contiguous
  std::uint64_t stride_bytes = 0;
};

struct KernelPlan {
  std::string name;
  std::string op;
  KernelKind kind = KernelKind::shape_only;
  std::string precision;   // tensor-core precision used ("int8", ...); empty for SIMT kernels
  std::string mac_action;  // energy action per MAC ("mac_int8"); empty without MACs

  // Work, as executed: causal attention skips masked blocks, padding of partial tiles is
  // not counted (it shows up in the time instead).
  int64_t macs = 0;
  int64_t fp32_ops = 0;  // SIMT lane operations
  int64_t sfu_ops = 0;   // special-function operations (exp, sigmoid, tanh)

  // Decomposition: tile (BM x BN x BK for GEMMs; query x key block for attention), how many
  // CTAs split the reduction, and the resulting tiles and waves over the SMs.
  int64_t tile_m = 0, tile_n = 0, tile_k = 0;
  int64_t split = 1;
  int64_t tiles = 0;
  int64_t waves = 0;

  double compute_s = 0;      // SMs busy: tensor or SIMT time with wave quantisation and padding
  double roof_tensor_s = 0;  // MACs at the peak tensor rate of the precision
  double roof_vector_s = 0;  // SIMT and SFU work at their peak rates
  double l2_bytes = 0;       // L2 -> SM (and SM -> L2) traffic
  double l2_read_bytes = 0;  // the L2 -> SM part
  double l2_s = 0;           // l2_bytes at the L2 bandwidth

  // HBM traffic. first_read is what the first tiles need before any SM can compute (its
  // latency is the kernel's first-tile latency); reads and writes are the rest.
  HbmAccess first_read;
  std::vector<HbmAccess> reads;
  std::vector<HbmAccess> writes;
  double hbm_read_bytes = 0;  // first_read + reads
  double hbm_write_bytes = 0;
  double l2_hit_rate = 0;  // 1 - HBM reads / L2 reads (0 when nothing is read)

  // Tensor parallelism: an all-reduce of this many bytes after the kernel (ring), and its time.
  double allreduce_bytes = 0;
  double allreduce_s = 0;

  double peak_macs_per_s = 0;  // tensor peak of one GPU at `precision` (0 for SIMT kernels)

  bool runs() const { return kind != KernelKind::fused && kind != KernelKind::shape_only; }
  // What executes it, in the result format's terms: tensor cores are the MAC "array".
  const char* unit() const;
};

struct HbmFootprint {
  double weight_bytes = 0;
  double kv_cache_bytes = 0;
  double activation_bytes = 0;  // the largest set of activations live at once
  double total() const { return weight_bytes + kv_cache_bytes + activation_bytes; }
};

struct GpuPlan {
  std::vector<KernelPlan> kernels;  // one per trace layer, in trace order
  HbmFootprint footprint;           // per GPU
  int64_t tokens = 0;               // tokens the pass processes (LLM traces), else 0
};

}  // namespace axsim::gpu
