#include "workloads/zoo/transformer.h"

namespace axsim::zoo {

namespace {

// Stores a projection's new tokens in its cache and returns what the attention reads. In a
// prefill that is the freshly written cache; in a decode step the attention must stream the
// whole cache (past + new tokens) back, which is the read that bounds decode on bandwidth.
std::string through_cache(Builder& b, const std::string& name, const std::string& x, int64_t past) {
  const std::string cache = b.kv_cache_write(name + "_cache_write", x, past);
  return past > 0 ? b.kv_cache_read(name + "_cache_read", cache) : cache;
}

}  // namespace

std::string self_attention(Builder& b, const std::string& name, const std::string& x,
                           const AttentionSpec& spec) {
  const int64_t dim = b.shape(x).back();
  const std::string q = b.linear(name + ".q_proj", x, spec.heads * spec.head_dim, spec.bias);
  std::string k = b.linear(name + ".k_proj", x, spec.kv_heads * spec.head_dim, spec.bias);
  std::string v = b.linear(name + ".v_proj", x, spec.kv_heads * spec.head_dim, spec.bias);
  if (spec.cache_past) {
    k = through_cache(b, name + ".k", k, *spec.cache_past);
    v = through_cache(b, name + ".v", v, *spec.cache_past);
  }
  trace::Attributes heads;
  heads.heads = spec.heads;
  heads.kv_heads = spec.kv_heads;
  heads.head_dim = spec.head_dim;
  heads.causal = spec.causal;
  const std::string a = b.attention(name + ".attention", q, k, v, heads);
  return b.linear(name + ".o_proj", a, dim, spec.bias);
}

std::string mlp(Builder& b, const std::string& name, const std::string& x, int64_t hidden,
                const std::string& act) {
  const int64_t dim = b.shape(x).back();
  std::string y = b.linear(name + ".fc1", x, hidden, true);
  y = b.activation(name + "." + act, y, act);
  return b.linear(name + ".fc2", y, dim, true);
}

std::string swiglu(Builder& b, const std::string& name, const std::string& x, int64_t hidden) {
  const int64_t dim = b.shape(x).back();
  const std::string gate = b.linear(name + ".gate_proj", x, hidden, false);
  const std::string up = b.linear(name + ".up_proj", x, hidden, false);
  const std::string act = b.activation(name + ".silu", gate, "silu");
  const std::string prod = b.elementwise(name + ".mul", {act, up}, "mul");
  return b.linear(name + ".down_proj", prod, dim, false);
}

}  // namespace axsim::zoo
