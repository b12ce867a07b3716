// The burst-aligned addresses a Transfer touches, in issue order: one contiguous block, a
// strided tile, or seeded random bursts in a span. The detailed model schedules every one;
// the fast model only needs the shape, which it reads from the same Transfer.
#pragma once

#include <cstdint>

#include "models/mem/memory_model.h"

namespace axsim::mem {

class BurstStream {
 public:
  // std::invalid_argument for a strided transfer without a chunk or with a stride shorter than
  // its chunk; std::out_of_range naming the address when any byte lies at or beyond
  // `capacity_bytes`.
  BurstStream(const Transfer& transfer, std::uint32_t burst_bytes, std::uint64_t capacity_bytes);

  std::uint64_t count() const { return count_; }  // bursts in all
  // The next burst's first byte; false when every burst has been handed out.
  bool next(std::uint64_t& address);

 private:
  std::uint64_t align(std::uint64_t byte) const { return byte / burst_ * burst_; }
  std::uint64_t random_below(std::uint64_t bound);

  Transfer transfer_;
  std::uint64_t burst_;
  std::uint64_t count_ = 0;
  std::uint64_t issued_ = 0;
  // Sequential and strided: the burst being walked and where its chunk ends.
  std::uint64_t chunk_index_ = 0;
  std::uint64_t cursor_ = 0;
  std::uint64_t chunk_end_ = 0;
  // Random: bursts in the span and the generator state.
  std::uint64_t slots_ = 0;
  std::uint64_t rng_state_ = 0;
};

}  // namespace axsim::mem
