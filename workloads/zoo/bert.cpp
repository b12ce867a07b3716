// BERT-base: Devlin et al., "BERT: Pre-training of Deep Bidirectional Transformers for
// Language Understanding", NAACL 2019 (L=12, H=768, A=12, FFN 3072, WordPiece vocabulary of
// 30,522, 512 positions, 2 segment types); post-norm encoder blocks with GELU.
#include <stdexcept>
#include <string>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"
#include "workloads/zoo/transformer.h"

namespace axsim::zoo {

namespace {

constexpr int64_t kVocab = 30522;
constexpr int64_t kPositions = 512;
constexpr int64_t kSegments = 2;
constexpr int64_t kDim = 768;
constexpr int64_t kLayers = 12;
constexpr int64_t kHeads = 12;
constexpr int64_t kFfn = 3072;

}  // namespace

// The encoder's sequence output is the graph output. The pooler (a 768x768 linear and tanh on
// the [CLS] token, 0.6 M parameters) is left out: the trace format has no slice to pick out
// that token, and task heads replace it anyway.
trace::Trace build_bert_base(const ZooOptions& options) {
  const int64_t n = options.batch;
  const int64_t s = options.seq_len;
  if (s > kPositions) {
    throw std::invalid_argument("bert-base: seq_len " + std::to_string(s) +
                                " exceeds its 512 learned positions");
  }
  Builder b("bert-base", "", options, WeightQuant::per_tensor);
  const std::string words = b.embedding("word_embed", b.id_input("tokens", {n, s}), kVocab, kDim);
  const std::string pos =
      b.embedding("position_embed", b.id_input("positions", {n, s}), kPositions, kDim);
  const std::string seg =
      b.embedding("segment_embed", b.id_input("segments", {n, s}), kSegments, kDim);
  std::string x = b.layer_norm("embed_ln", b.elementwise("embed_add", {words, pos, seg}, "add"));

  AttentionSpec attn;
  attn.heads = kHeads;
  attn.kv_heads = kHeads;
  attn.head_dim = kDim / kHeads;
  attn.bias = true;
  for (int64_t i = 0; i < kLayers; ++i) {
    const std::string name = "encoder" + std::to_string(i);
    std::string y = self_attention(b, name + ".attn", x, attn);
    x = b.layer_norm(name + ".ln1", b.elementwise(name + ".add1", {x, y}, "add"));
    y = mlp(b, name + ".ffn", x, kFfn, "gelu");
    x = b.layer_norm(name + ".ln2", b.elementwise(name + ".add2", {x, y}, "add"));
  }
  b.mark_output(x);
  return b.finish();
}

}  // namespace axsim::zoo
