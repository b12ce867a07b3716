#include "models/gpu/hbm_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "workloads/trace/counts.h"

namespace axsim::gpu {

std::uint64_t aligned_bytes(double bytes) {
  const auto raw = static_cast<std::uint64_t>(std::ceil(std::max(bytes, 0.0)));
  return (raw + kHbmAlignment - 1) / kHbmAlignment * kHbmAlignment;
}

bool is_shape_only(trace::Op op) { return op == trace::Op::reshape || op == trace::Op::flatten; }

HbmFootprint hbm_footprint(const trace::Trace& trace, const std::vector<ShardedLayer>& layers) {
  HbmFootprint f;
  // Live ranges of activations in layer steps: a graph input from step 0, a layer output
  // from its own step; each lives until its last reader (graph outputs to the end).
  struct Live {
    double bytes = 0;
    size_t first = 0;
    size_t last = 0;
  };
  std::map<std::string, Live> live;
  std::map<std::string, std::string> alias;  // shape-only outputs -> the tensor they view
  const auto root = [&alias](const std::string& name) {
    const auto found = alias.find(name);
    return found == alias.end() ? name : found->second;
  };
  for (const trace::GraphInput& in : trace.inputs) {
    live[in.name] = {static_cast<double>(aligned_bytes(trace::tensor_bytes(in.tensor))), 0, 0};
  }
  for (size_t i = 0; i < layers.size(); ++i) {
    const trace::Layer& layer = layers[i].layer;
    for (const trace::Weight& w : layer.weights) {
      f.weight_bytes += static_cast<double>(aligned_bytes(trace::tensor_bytes(w.tensor)));
    }
    for (const trace::InputRef& in : layer.inputs) {
      const auto found = live.find(root(in.from));
      if (found != live.end()) found->second.last = i;
    }
    if (is_shape_only(layer.op) && !layer.inputs.empty()) {
      alias[layer.name] = root(layer.inputs.front().from);
    } else if (layer.op == trace::Op::kv_cache_write) {
      f.kv_cache_bytes += static_cast<double>(aligned_bytes(trace::tensor_bytes(layer.output)));
    } else if (layer.op != trace::Op::kv_cache_read) {
      live[layer.name] = {static_cast<double>(aligned_bytes(trace::tensor_bytes(layer.output))), i,
                          i};
    }
  }
  for (const std::string& out : trace.outputs) {
    const auto found = live.find(root(out));
    if (found != live.end()) found->second.last = layers.size();
  }
  std::vector<double> delta(layers.size() + 2, 0.0);
  for (const auto& [name, l] : live) {
    delta[l.first] += l.bytes;
    delta[l.last + 1] -= l.bytes;
  }
  double running = 0;
  for (const double d : delta) {
    running += d;
    f.activation_bytes = std::max(f.activation_bytes, running);
  }
  return f;
}

HbmLayout::HbmLayout(const HbmFootprint& footprint, const HbmInterleave& interleave)
    : interleave_(interleave) {
  ring_end_ = stripe_share(footprint.activation_bytes);
  next_persistent_ = ring_end_;
}

std::uint64_t HbmLayout::stripe_share(double bytes) const {
  return aligned_bytes(bytes / static_cast<double>(interleave_.stripes));
}

std::uint64_t HbmLayout::place_persistent(double bytes) {
  const std::uint64_t at = next_persistent_;
  next_persistent_ += stripe_share(bytes);
  if (next_persistent_ > interleave_.stripe_bytes) {
    throw std::logic_error("HBM layout ran past the memory the capacity check admitted");
  }
  return at;
}

std::uint64_t HbmLayout::place_activation(double bytes) {
  const std::uint64_t size = stripe_share(bytes);
  if (next_activation_ + size > ring_end_) next_activation_ = 0;
  const std::uint64_t at = next_activation_;
  next_activation_ += size;
  return at;
}

HbmAccess HbmLayout::access(std::uint64_t slot, double offset, double bytes, bool write) const {
  const double stripes = static_cast<double>(interleave_.stripes);
  HbmAccess a;
  a.address = slot + static_cast<std::uint64_t>(offset / stripes);
  a.bytes = static_cast<std::uint64_t>(std::ceil(bytes));
  a.write = write;
  if (interleave_.stripes > 1) {
    a.chunk_bytes =
        std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(bytes / stripes)));
    a.stride_bytes = interleave_.stripe_bytes;
  }
  return a;
}

HbmAccess HbmLayout::take_prefix(HbmAccess& a, std::uint64_t bytes) const {
  HbmAccess prefix = a;
  if (a.chunk_bytes == 0) {
    prefix.bytes = std::min(bytes, a.bytes);
    a.address += prefix.bytes;
    a.bytes -= prefix.bytes;
    return prefix;
  }
  // The same share of every stripe, so neither part has more chunks than there are stripes.
  const std::uint64_t per_stripe = (bytes + interleave_.stripes - 1) / interleave_.stripes;
  if (per_stripe >= a.chunk_bytes || per_stripe * interleave_.stripes >= a.bytes) {
    a.bytes = 0;
    return prefix;
  }
  prefix.chunk_bytes = per_stripe;
  prefix.bytes = per_stripe * interleave_.stripes;
  a.address += per_stripe;
  a.chunk_bytes -= per_stripe;
  a.bytes -= prefix.bytes;
  return prefix;
}

}  // namespace axsim::gpu
