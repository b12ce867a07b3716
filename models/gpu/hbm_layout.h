// Where a trace's tensors live in one GPU's HBM. The footprint (weights, KV cache, the most
// activations ever live at once) is what the capacity check compares with the memory. The
// layout gives the DRAM model real addresses: a ring for activations, then weights and KV
// caches in trace order.
//
// A GPU interleaves every tensor over all of its memory controllers. A DRAM address map that
// takes the stack from the most significant address bits (as the 5- and 6-stack presets must,
// their stack counts not being powers of two) would keep a contiguous tensor in one stack, so
// the layout stripes each tensor over the stacks instead: byte offset o of a tensor lives at
// offset o / stripes of its slot in every stripe, and an access to part of it reaches all
// stacks as one strided transfer.
#pragma once

#include <cstdint>
#include <vector>

#include "models/gpu/kernel_plan.h"
#include "models/gpu/tensor_parallel.h"
#include "workloads/trace/trace.h"

namespace axsim::gpu {

// Every tensor (every stripe of one) starts on a 256-byte boundary.
inline constexpr std::uint64_t kHbmAlignment = 256;
std::uint64_t aligned_bytes(double bytes);

// Shape-only layers alias their input instead of holding a copy.
bool is_shape_only(trace::Op op);

// Per GPU, from the sharded layers (same order as trace.layers).
HbmFootprint hbm_footprint(const trace::Trace& trace, const std::vector<ShardedLayer>& layers);

// How addresses spread over the memory: `stripes` equal regions of `stripe_bytes` each.
struct HbmInterleave {
  std::uint64_t stripes = 1;
  std::uint64_t stripe_bytes = 0;
};

class HbmLayout {
 public:
  HbmLayout(const HbmFootprint& footprint, const HbmInterleave& interleave);
  // A tensor that lives for the whole pass (weights, KV cache); returns its slot.
  std::uint64_t place_persistent(double bytes);
  // An activation: the slot after the previous one, or the start of the ring when it would
  // run past the ring's end.
  std::uint64_t place_activation(double bytes);

  // `bytes` of the tensor in `slot`, from byte `offset` of the tensor on.
  HbmAccess access(std::uint64_t slot, double offset, double bytes, bool write) const;
  // Takes the first `bytes` of `access` off it and returns them as an access of their own.
  HbmAccess take_prefix(HbmAccess& access, std::uint64_t bytes) const;

 private:
  std::uint64_t stripe_share(double bytes) const;  // one stripe's part, aligned

  HbmInterleave interleave_;
  std::uint64_t ring_end_ = 0;
  std::uint64_t next_activation_ = 0;
  std::uint64_t next_persistent_ = 0;
};

}  // namespace axsim::gpu
