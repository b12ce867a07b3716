#include "models/gpu/mapper.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "models/core/error.h"
#include "models/gpu/attention_kernel.h"
#include "models/gpu/gemm_kernel.h"
#include "models/gpu/hbm_layout.h"
#include "models/gpu/l2_residency.h"
#include "models/gpu/stream_kernel.h"
#include "models/gpu/tensor_parallel.h"
#include "models/gpu/tensor_precision.h"
#include "workloads/trace/counts.h"

namespace axsim::gpu {

namespace {

using trace::Layer;
using trace::Op;

double bytes_of(const trace::Tensor& t) { return static_cast<double>(trace::tensor_bytes(t)); }

double weight_bytes(const Layer& layer) {
  double total = 0;
  for (const trace::Weight& w : layer.weights) total += bytes_of(w.tensor);
  return total;
}

// Functions that go through the special-function units (one per element).
bool uses_sfu(const std::string& function) {
  static const char* const kSfu[] = {"gelu", "silu",       "swish", "mish", "sigmoid",
                                     "tanh", "softplus",   "elu",   "exp",  "log",
                                     "sqrt", "reciprocal", "erf"};
  return std::any_of(std::begin(kSfu), std::end(kSfu),
                     [&function](const char* f) { return function == f; });
}

bool is_depthwise(const Layer& layer) {
  return layer.op == Op::conv2d && layer.inputs.at(0).tensor.shape.at(1) == layer.attrs.groups;
}

// `total` bytes streamed from the tensor in `slot` of `size` bytes, in whole passes and a
// last partial one.
void add_passes(const HbmLayout& layout, std::vector<HbmAccess>& out, std::uint64_t slot,
                double size, double total) {
  if (size <= 0 || total <= 0) return;
  for (double left = total; left > 0; left -= size) {
    out.push_back(layout.access(slot, 0, std::min(left, size), false));
  }
}

std::vector<ShardedLayer> shard_trace(const GpuConfig& config, const trace::Trace& trace) {
  std::map<std::string, Placement> placements;
  for (const trace::GraphInput& in : trace.inputs) placements[in.name] = Placement::whole;
  std::vector<ShardedLayer> out;
  for (const Layer& layer : trace.layers) {
    out.push_back(shard_layer(config, layer, placements));
    placements[layer.name] = out.back().output;
  }
  return out;
}

class Mapper {
 public:
  Mapper(const GpuConfig& config, const trace::Trace& trace, const MemoryFacts& memory,
         const HbmFootprint& footprint)
      : config_(config),
        memory_(memory),
        layout_(footprint, memory.interleave),
        l2_(config.l2_capacity.si * config.l2_reuse_fraction) {
    for (const Layer& layer : trace.layers) {
      for (const trace::InputRef& in : layer.inputs) consumers_[in.from].push_back(layer.op);
    }
    for (const trace::GraphInput& in : trace.inputs) {
      address_[in.name] = layout_.place_activation(bytes_of(in.tensor));
    }
  }

  KernelPlan plan(const ShardedLayer& sharded);

 private:
  // The tensor a name stands for: shape-only outputs and fused cache reads view another.
  std::string root(const std::string& name) const {
    const auto found = alias_.find(name);
    return found == alias_.end() ? name : found->second;
  }
  bool in_l2(const trace::InputRef& in) const {
    return l2_.holds(root(in.from), bytes_of(in.tensor));
  }
  std::uint64_t address_of(const std::string& name) const { return address_.at(root(name)); }
  bool only_attention_reads(const std::string& name) const;

  void plan_gemm(KernelPlan& k, const Layer& layer);
  void plan_attention(KernelPlan& k, const Layer& layer);
  void plan_stream(KernelPlan& k, const Layer& layer);
  // Places the output, books its write, and fills the totals every kernel reports.
  void finish(KernelPlan& k, const Layer& layer, double first_read_bytes);

  const GpuConfig& config_;
  MemoryFacts memory_;
  HbmLayout layout_;
  L2Residency l2_;
  std::map<std::string, std::vector<Op>> consumers_;
  std::map<std::string, std::uint64_t> address_;
  std::map<std::string, std::string> alias_;
};

bool Mapper::only_attention_reads(const std::string& name) const {
  const auto found = consumers_.find(name);
  if (found == consumers_.end()) return false;
  return std::all_of(found->second.begin(), found->second.end(),
                     [](Op op) { return op == Op::attention; });
}

KernelPlan Mapper::plan(const ShardedLayer& sharded) {
  const Layer& layer = sharded.layer;
  KernelPlan k;
  k.name = layer.name;
  k.op = trace::op_name(layer.op);
  if (is_shape_only(layer.op)) {
    if (!layer.inputs.empty()) alias_[layer.name] = root(layer.inputs.front().from);
    return k;
  }
  if (layer.op == Op::kv_cache_read && only_attention_reads(layer.name)) {
    // The attention kernel streams the cache itself; a separate copy would move it twice.
    alias_[layer.name] = root(layer.inputs.front().from);
    k.kind = KernelKind::fused;
    return k;
  }
  const bool tensor_cores = (layer.op == Op::conv2d && !is_depthwise(layer)) ||
                            layer.op == Op::linear || layer.op == Op::matmul;
  if (tensor_cores) {
    plan_gemm(k, layer);
  } else if (layer.op == Op::attention) {
    plan_attention(k, layer);
  } else {
    plan_stream(k, layer);
  }
  if (sharded.all_reduce) {
    k.allreduce_bytes = bytes_of(layer.output);
    k.allreduce_s = ring_allreduce_s(config_.parallel, k.allreduce_bytes);
  }
  return k;
}

void Mapper::plan_gemm(KernelPlan& k, const Layer& layer) {
  GemmProblem p;
  const trace::Tensor& a = layer.inputs.at(0).tensor;
  const trace::Tensor& out = layer.output;
  p.a_bits = a.bits;
  p.c_bits = out.bits;
  const bool a_in_l2 = in_l2(layer.inputs.at(0));
  p.a_hbm_bytes = a_in_l2 ? 0.0 : bytes_of(a);
  std::uint64_t b_address = 0;
  double b_size = 0;
  if (layer.op == Op::matmul) {
    const trace::InputRef& b = layer.inputs.at(1);
    p.m = a.shape.at(a.shape.size() - 2);
    p.k = a.shape.back();
    p.n = b.tensor.shape.back();
    p.repeat = trace::element_count(out.shape) / (p.m * p.n);
    p.b_bits = b.tensor.bits;
    b_size = bytes_of(b.tensor);
    p.b_hbm_bytes = in_l2(b) ? 0.0 : b_size;
    b_address = address_of(b.from);
  } else {
    const trace::Tensor& w = layer.weights.at(0).tensor;
    p.b_bits = w.bits;
    b_size = weight_bytes(layer);
    p.b_hbm_bytes = b_size;
    b_address = layout_.place_persistent(b_size);
    if (layer.op == Op::linear) {
      p.n = w.shape.at(0);
      p.k = w.shape.at(1);
      p.m = trace::element_count(out.shape) / p.n;
    } else {
      const int64_t groups = layer.attrs.groups;
      p.m = out.shape.at(0) * out.shape.at(2) * out.shape.at(3);
      p.k = a.shape.at(1) / groups * layer.attrs.kernel[0] * layer.attrs.kernel[1];
      p.n = out.shape.at(1) / groups;
      p.repeat = groups;
    }
  }
  p.rate = tensor_rate(config_, mac_dtype(layer), layer.name);
  const GemmMapping g = map_gemm(config_, p, memory_.peak_bandwidth);

  k.kind = KernelKind::gemm;
  k.precision = trace::dtype_name(p.rate.precision);
  k.macs = p.m * p.n * p.k * p.repeat;
  k.tile_m = g.tile.m;
  k.tile_n = g.tile.n;
  k.tile_k = g.tile.k;
  k.split = g.split;
  k.tiles = g.tiles;
  k.waves = g.waves;
  k.compute_s = g.compute_s;
  k.l2_bytes = g.l2_bytes;
  k.l2_read_bytes = g.l2_read_bytes;
  k.peak_macs_per_s =
      static_cast<double>(p.rate.macs_per_sm_per_cycle * config_.sms) * config_.clock.si;
  add_passes(layout_, k.reads, b_address, b_size, g.b_hbm_bytes);
  if (!a_in_l2) {
    add_passes(layout_, k.reads, address_of(layer.inputs.at(0).from), bytes_of(a), g.a_hbm_bytes);
  }
  finish(k, layer, g.first_read_bytes);
}

void Mapper::plan_attention(KernelPlan& k, const Layer& layer) {
  const trace::InputRef& q = layer.inputs.at(0);
  const trace::InputRef& key = layer.inputs.at(1);
  const trace::InputRef& value = layer.inputs.at(2);
  AttentionProblem p;
  p.batch = q.tensor.shape.at(0);
  p.q_len = q.tensor.shape.at(1);
  p.kv_len = key.tensor.shape.at(1);
  p.heads = layer.attrs.heads;
  p.kv_heads = layer.attrs.kv_heads;
  p.head_dim = layer.attrs.head_dim;
  p.causal = layer.attrs.causal;
  p.q_bits = q.tensor.bits;
  p.kv_bits = std::max(key.tensor.bits, value.tensor.bits);
  p.o_bits = layer.output.bits;
  p.q_in_l2 = in_l2(q);
  p.kv_in_l2 = in_l2(key) && in_l2(value);
  p.rate = tensor_rate(config_, mac_dtype(layer), layer.name);
  const AttentionMapping m = map_attention(config_, p);

  k.kind = KernelKind::attention;
  k.precision = trace::dtype_name(p.rate.precision);
  k.macs = m.macs;
  k.fp32_ops = m.fp32_ops;
  k.sfu_ops = m.sfu_ops;
  k.tile_m = m.block_q;
  k.tile_n = m.block_kv;
  k.tile_k = p.head_dim;
  k.split = m.split;
  k.tiles = m.tiles;
  k.waves = m.waves;
  k.compute_s = m.compute_s;
  k.l2_bytes = m.l2_bytes;
  k.l2_read_bytes = m.l2_read_bytes;
  k.peak_macs_per_s =
      static_cast<double>(p.rate.macs_per_sm_per_cycle * config_.sms) * config_.clock.si;
  if (!p.q_in_l2) {
    add_passes(layout_, k.reads, address_of(q.from), bytes_of(q.tensor), m.q_hbm_bytes);
  }
  const double k_share = bytes_of(key.tensor) / (bytes_of(key.tensor) + bytes_of(value.tensor));
  add_passes(layout_, k.reads, address_of(key.from), bytes_of(key.tensor),
             m.kv_hbm_bytes * k_share);
  add_passes(layout_, k.reads, address_of(value.from), bytes_of(value.tensor),
             m.kv_hbm_bytes * (1 - k_share));
  finish(k, layer, m.first_read_bytes);
}

void Mapper::plan_stream(KernelPlan& k, const Layer& layer) {
  const trace::LayerCounts counts = trace::count_layer(layer);
  StreamProblem p;
  k.kind = KernelKind::stream;
  p.fp32_ops = counts.vector_ops + counts.macs;  // MACs here run on the lanes, one FMA each
  if ((layer.op == Op::activation && uses_sfu(layer.attrs.function)) || layer.op == Op::softmax) {
    p.sfu_ops = trace::element_count(layer.output.shape);
  }
  if (counts.macs > 0) {
    k.macs = counts.macs;
    k.mac_action = std::string("mac_") + trace::dtype_name(mac_dtype(layer));
  }
  const double weights = weight_bytes(layer);
  if (weights > 0) {
    const std::uint64_t at = layout_.place_persistent(weights);
    // An embedding gathers only the rows its tokens look up.
    const double moved = layer.op == Op::embedding ? bytes_of(layer.output) : weights;
    k.reads.push_back(layout_.access(at, 0, moved, false));
    p.read_bytes += moved;
    p.hbm_read_bytes += moved;
  }
  for (const trace::InputRef& in : layer.inputs) {
    const double size = bytes_of(in.tensor);
    p.read_bytes += size;
    if (in_l2(in)) continue;
    p.hbm_read_bytes += size;
    k.reads.push_back(layout_.access(address_of(in.from), 0, size, false));
  }
  p.write_bytes =
      layer.op == Op::kv_cache_write ? bytes_of(layer.inputs.at(0).tensor) : bytes_of(layer.output);
  const StreamMapping m = map_stream(config_, p);
  k.fp32_ops = p.fp32_ops;
  k.sfu_ops = p.sfu_ops;
  k.tiles = m.tiles;
  k.waves = m.waves;
  k.compute_s = m.compute_s;
  k.l2_bytes = m.l2_bytes;
  k.l2_read_bytes = p.read_bytes;
  finish(k, layer, m.first_read_bytes);
}

void Mapper::finish(KernelPlan& k, const Layer& layer, double first_read_bytes) {
  const double output = bytes_of(layer.output);
  if (layer.op == Op::kv_cache_write) {
    // The new tokens go to the end of the cache, which lives as long as the pass.
    const double fresh = bytes_of(layer.inputs.at(0).tensor);
    const std::uint64_t cache = layout_.place_persistent(output);
    address_[layer.name] = cache;
    k.writes.push_back(layout_.access(cache, output - fresh, fresh, true));
  } else {
    const std::uint64_t at = layout_.place_activation(output);
    address_[layer.name] = at;
    k.writes.push_back(layout_.access(at, 0, output, true));
  }
  const double written = static_cast<double>(k.writes.front().bytes);

  if (!k.reads.empty() && first_read_bytes > 0) {
    k.first_read = layout_.take_prefix(k.reads.front(),
                                       static_cast<std::uint64_t>(std::ceil(first_read_bytes)));
    if (k.reads.front().bytes == 0) k.reads.erase(k.reads.begin());
  }
  k.hbm_read_bytes = static_cast<double>(k.first_read.bytes);
  for (const HbmAccess& r : k.reads) k.hbm_read_bytes += static_cast<double>(r.bytes);
  for (const HbmAccess& w : k.writes) k.hbm_write_bytes += static_cast<double>(w.bytes);
  k.l2_hit_rate =
      k.l2_read_bytes > 0 ? std::max(0.0, 1.0 - k.hbm_read_bytes / k.l2_read_bytes) : 0.0;
  if (k.macs > 0 && k.mac_action.empty()) k.mac_action = "mac_" + k.precision;
  k.l2_s = k.l2_bytes / config_.l2_bandwidth.si;
  const double sms = static_cast<double>(config_.sms);
  if (k.peak_macs_per_s > 0) k.roof_tensor_s = static_cast<double>(k.macs) / k.peak_macs_per_s;
  k.roof_vector_s = std::max(static_cast<double>(k.fp32_ops) /
                                 (static_cast<double>(config_.fp32_ops_per_sm_per_cycle) * sms),
                             static_cast<double>(k.sfu_ops) /
                                 (static_cast<double>(config_.sfu_ops_per_sm_per_cycle) * sms)) /
                    config_.clock.si;
  l2_.pass(k.hbm_read_bytes + k.hbm_write_bytes);
  l2_.produce(layer.name, written);
}

std::string footprint_text(const HbmFootprint& f) {
  return "weights " + core::format_bytes(core::bytes(f.weight_bytes)) + ", KV cache " +
         core::format_bytes(core::bytes(f.kv_cache_bytes)) + ", activations " +
         core::format_bytes(core::bytes(f.activation_bytes));
}

int64_t count_tokens(const trace::Trace& trace) {
  for (const Layer& layer : trace.layers) {
    if (layer.op != Op::embedding || layer.inputs.empty()) continue;
    for (const trace::GraphInput& in : trace.inputs) {
      if (in.name == layer.inputs.front().from) return trace::element_count(in.tensor.shape);
    }
  }
  return 0;
}

}  // namespace

HbmFootprint trace_footprint(const GpuConfig& config, const trace::Trace& trace) {
  return hbm_footprint(trace, shard_trace(config, trace));
}

GpuPlan map_trace(const GpuConfig& config, const trace::Trace& trace, const MemoryFacts& memory) {
  const std::vector<ShardedLayer> sharded = shard_trace(config, trace);
  GpuPlan plan;
  plan.footprint = hbm_footprint(trace, sharded);
  if (plan.footprint.total() > memory.capacity_bytes) {
    const std::string per_gpu = config.parallel.gpus > 1 ? " per GPU" : "";
    throw core::InputError(config.memory_origin.location, config.memory_origin.key,
                           "trace '" + trace.name + "' needs " +
                               core::format_bytes(core::bytes(plan.footprint.total())) + " of HBM" +
                               per_gpu + " (" + footprint_text(plan.footprint) +
                               ") but the memory holds " +
                               core::format_bytes(core::bytes(memory.capacity_bytes)));
  }
  Mapper mapper(config, trace, memory, plan.footprint);
  for (const ShardedLayer& layer : sharded) plan.kernels.push_back(mapper.plan(layer));
  plan.tokens = count_tokens(trace);
  return plan;
}

}  // namespace axsim::gpu
