// Decoder-only language models: Llama 2 (Touvron et al., "Llama 2: Open Foundation and
// Fine-Tuned Chat Models", 2023, with the 7B/70B shapes of the released model cards) and
// GPT-3 175B (Brown et al., "Language Models are Few-Shot Learners", NeurIPS 2020, Table 2.1).
// One trace is one forward pass: a prefill over the prompt or a decode step over a KV cache.
#include <stdexcept>
#include <string>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"
#include "workloads/zoo/transformer.h"

namespace axsim::zoo {

namespace {

struct DecoderConfig {
  const char* name;
  int64_t vocab;
  int64_t dim;
  int64_t layers;
  int64_t heads;
  int64_t kv_heads;
  int64_t ffn;
  // Llama: RMSNorm, SwiGLU, bias-free, rotary positions. GPT-3: LayerNorm, GELU MLP, biases,
  // a learned table of `max_positions` positions.
  bool llama;
  int64_t max_positions;  // learned positions only
};

// Llama 2 7B: 32 layers, 4096 wide, 32 heads, FFN 11,008; 70B: 80 layers, 8192 wide, 64
// query heads sharing 8 KV heads, FFN 28,672; both a 32,000-token vocabulary.
constexpr DecoderConfig kLlama2_7b{"llama2-7b", 32000, 4096, 32, 32, 32, 11008, true, 0};
constexpr DecoderConfig kLlama2_70b{"llama2-70b", 32000, 8192, 80, 64, 8, 28672, true, 0};
// GPT-3: 96 layers, d_model 12,288, 96 heads of 128, FFN 4 x d_model, GPT-2's 50,257-token
// BPE vocabulary, 2,048-token context.
constexpr DecoderConfig kGpt3{"gpt3-175b", 50257, 12288, 96, 96, 96, 4 * 12288, false, 2048};

std::string norm(Builder& b, const DecoderConfig& c, const std::string& name,
                 const std::string& x) {
  return c.llama ? b.rms_norm(name, x) : b.layer_norm(name, x);
}

// Rotary position embeddings (Llama) are not emitted: they are a few elementwise operations
// per q/k element, negligible beside the projections, and need no parameters.
trace::Trace build_decoder(const DecoderConfig& c, const ZooOptions& options) {
  const bool decode = options.phase == "decode";
  const int64_t n = options.batch;
  const int64_t s = options.seq_len;
  const int64_t past = decode ? options.context : 0;
  if (c.max_positions > 0 && past + s > c.max_positions) {
    throw std::invalid_argument(
        std::string(c.name) + ": context + seq_len = " + std::to_string(past + s) +
        " exceeds its " + std::to_string(c.max_positions) + " learned positions");
  }
  Builder b(c.name, "", options, WeightQuant::per_tensor);
  std::string x = b.embedding("embed_tokens", b.id_input("tokens", {n, s}), c.vocab, c.dim);
  if (!c.llama) {
    const std::string pos =
        b.embedding("embed_positions", b.id_input("positions", {n, s}), c.max_positions, c.dim);
    x = b.elementwise("embed_add", {x, pos}, "add");
  }

  AttentionSpec attn;
  attn.heads = c.heads;
  attn.kv_heads = c.kv_heads;
  attn.head_dim = c.dim / c.heads;
  attn.bias = !c.llama;
  // One new token sees the whole cache; several new tokens must not see each other's future.
  attn.causal = s > 1;
  attn.cache_past = past;
  for (int64_t i = 0; i < c.layers; ++i) {
    const std::string name = "layers." + std::to_string(i);
    std::string y = self_attention(b, name + ".attn", norm(b, c, name + ".attn_norm", x), attn);
    x = b.elementwise(name + ".attn_add", {x, y}, "add");
    y = norm(b, c, name + ".ffn_norm", x);
    y = c.llama ? swiglu(b, name + ".ffn", y, c.ffn) : mlp(b, name + ".ffn", y, c.ffn, "gelu");
    x = b.elementwise(name + ".ffn_add", {x, y}, "add");
  }
  x = norm(b, c, "final_norm", x);
  // Logits for every position, as a plain forward pass computes them; a server that samples
  // only the last prompt token skips (S-1)/S of this layer (~2% of a 7B prefill). GPT-3 ties
  // this matrix to the token embedding, but it is read again here, so the layer carries it.
  b.mark_output(b.linear("lm_head", x, c.vocab, false));
  return b.finish();
}

}  // namespace

trace::Trace build_llama2(int billions, const ZooOptions& options) {
  if (billions == 7) return build_decoder(kLlama2_7b, options);
  if (billions == 70) return build_decoder(kLlama2_70b, options);
  throw std::logic_error("no Llama 2 " + std::to_string(billions) + "B");
}

trace::Trace build_gpt3_175b(const ZooOptions& options) { return build_decoder(kGpt3, options); }

}  // namespace axsim::zoo
