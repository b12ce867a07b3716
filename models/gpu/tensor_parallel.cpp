#include "models/gpu/tensor_parallel.h"

#include "models/core/error.h"

namespace axsim::gpu {

namespace {

using trace::Layer;
using trace::Op;

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

void split_last(trace::Tensor& tensor, int64_t gpus) {
  if (!tensor.shape.empty()) tensor.shape.back() = ceil_div(tensor.shape.back(), gpus);
}

bool all_inputs_split(const Layer& layer, const std::map<std::string, Placement>& placements) {
  if (layer.inputs.empty()) return false;
  for (const trace::InputRef& in : layer.inputs) {
    const auto found = placements.find(in.from);
    if (found == placements.end() || found->second != Placement::split) return false;
  }
  return true;
}

void share_heads(const GpuConfig& config, const Layer& layer, const char* what, int64_t heads) {
  if (heads % config.parallel.gpus == 0) return;
  throw core::InputError(config.gpus_origin.location, config.gpus_origin.key,
                         "attention layer '" + layer.name + "' has " + std::to_string(heads) + " " +
                             what + ", which " + std::to_string(config.parallel.gpus) +
                             " GPUs cannot share evenly");
}

// Output columns: weight [N, K] -> [N/g, K], bias [N] -> [N/g], output [.., N/g].
ShardedLayer column_parallel(Layer layer, int64_t gpus) {
  for (trace::Weight& w : layer.weights)
    w.tensor.shape.front() = ceil_div(w.tensor.shape.front(), gpus);
  split_last(layer.output, gpus);
  return {std::move(layer), Placement::split, false};
}

// Rows of the reduction: input [.., K/g], weight [N, K/g]; the bias is added once, after the
// all-reduce, so it stays whole.
ShardedLayer row_parallel(Layer layer, int64_t gpus) {
  split_last(layer.inputs.front().tensor, gpus);
  split_last(layer.weights.front().tensor, gpus);
  return {std::move(layer), Placement::whole, true};
}

ShardedLayer split_everything(Layer layer, int64_t gpus) {
  for (trace::InputRef& in : layer.inputs) split_last(in.tensor, gpus);
  split_last(layer.output, gpus);
  return {std::move(layer), Placement::split, false};
}

}  // namespace

ShardedLayer shard_layer(const GpuConfig& config, const Layer& layer,
                         const std::map<std::string, Placement>& placements) {
  const int64_t gpus = config.parallel.gpus;
  if (gpus == 1) return {layer, Placement::whole, false};
  const bool split_in = all_inputs_split(layer, placements);
  switch (layer.op) {
    case Op::linear:
      return split_in ? row_parallel(layer, gpus) : column_parallel(layer, gpus);
    case Op::attention: {
      if (!split_in) break;
      share_heads(config, layer, "query heads", layer.attrs.heads);
      share_heads(config, layer, "KV heads", layer.attrs.kv_heads);
      ShardedLayer s = split_everything(layer, gpus);
      s.layer.attrs.heads /= gpus;
      s.layer.attrs.kv_heads /= gpus;
      return s;
    }
    case Op::kv_cache_write:
    case Op::kv_cache_read:
    case Op::elementwise:
    case Op::activation:
      if (split_in) return split_everything(layer, gpus);
      break;
    default:
      break;
  }
  return {layer, Placement::whole, false};
}

double ring_allreduce_s(const ParallelConfig& parallel, double bytes) {
  if (parallel.gpus <= 1 || bytes <= 0) return 0.0;
  const double n = static_cast<double>(parallel.gpus);
  return 2.0 * (n - 1.0) / n * bytes / parallel.link_bandwidth.si +
         2.0 * (n - 1.0) * parallel.link_latency.si;
}

}  // namespace axsim::gpu
