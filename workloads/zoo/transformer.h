// Sublayers shared by the transformer networks (BERT, ViT, the decoder-only LLMs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "workloads/zoo/builder.h"

namespace axsim::zoo {

struct AttentionSpec {
  int64_t heads = 0;
  int64_t kv_heads = 0;  // < heads: grouped-query attention
  int64_t head_dim = 0;
  bool bias = false;  // projections carry biases (BERT, ViT, GPT-3; not Llama)
  bool causal = false;
  // Decoders with a KV cache: tokens already in it. Unset for encoders, which keep no cache.
  std::optional<int64_t> cache_past;
};

// q, k and v projections, fused attention and the output projection, on x [B, S, dim].
// With a cache, k and v are written to it, and the attention takes them from the cache:
// after a prefill's write directly, in a decode step through a read of past + new tokens.
std::string self_attention(Builder& b, const std::string& name, const std::string& x,
                           const AttentionSpec& spec);

// Two-layer MLP with biases: fc1 to `hidden`, `act`, fc2 back to the input width.
std::string mlp(Builder& b, const std::string& name, const std::string& x, int64_t hidden,
                const std::string& act);

// SwiGLU feed-forward (Shazeer, "GLU Variants Improve Transformer", 2020), bias-free:
// down(silu(gate(x)) * up(x)).
std::string swiglu(Builder& b, const std::string& name, const std::string& x, int64_t hidden);

}  // namespace axsim::zoo
