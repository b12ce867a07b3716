// Megatron-style tensor parallelism over `gpu.parallel.gpus` GPUs. A linear whose input is
// whole on every GPU is split by output columns (each GPU holds N/gpus of the weights); a
// linear whose input is split is split by rows (K/gpus) and followed by an all-reduce of its
// output. Attention and the KV cache split by heads; elementwise layers and activations whose
// inputs are all split stay split. Everything else (norms, embeddings, convolutions) runs
// whole on every GPU. Each GPU then runs the same per-GPU layer; one is simulated.
#pragma once

#include <map>
#include <string>

#include "models/gpu/gpu_config.h"
#include "workloads/trace/trace.h"

namespace axsim::gpu {

enum class Placement {
  whole,  // every GPU holds the full tensor
  split,  // the last dimension is divided over the GPUs
};

struct ShardedLayer {
  trace::Layer layer;  // what one GPU runs: shapes, weights and heads of its share
  Placement output = Placement::whole;
  bool all_reduce = false;  // partial sums across GPUs: the output is all-reduced
};

// `placements` holds every tensor the layer reads (graph inputs are whole). InputError naming
// gpu.parallel.gpus when an attention layer's heads cannot be shared evenly.
ShardedLayer shard_layer(const GpuConfig& config, const trace::Layer& layer,
                         const std::map<std::string, Placement>& placements);

// Ring all-reduce of `bytes` on every GPU: 2 (N-1)/N x bytes over the link, and 2 (N-1) steps
// each paying the link latency. 0 for one GPU.
double ring_allreduce_s(const ParallelConfig& parallel, double bytes);

}  // namespace axsim::gpu
