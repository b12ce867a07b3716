#include "models/mem/dram/burst_stream.h"

#include "models/mem/dram/dram_random.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <stdexcept>

namespace axsim::mem {
namespace {

[[noreturn]] void beyond_capacity(std::uint64_t address, std::uint64_t capacity) {
  char text[160];
  std::snprintf(text, sizeof text, "address 0x%llx lies beyond the memory's %llu bytes",
                static_cast<unsigned long long>(address), static_cast<unsigned long long>(capacity));
  throw std::out_of_range(text);
}

// Bursts covering [first, first + bytes).
std::uint64_t bursts_covering(std::uint64_t first, std::uint64_t bytes, std::uint64_t burst) {
  if (bytes == 0) return 0;
  return (first + bytes - 1) / burst - first / burst + 1;
}

}  // namespace

BurstStream::BurstStream(const Transfer& transfer, std::uint32_t burst_bytes,
                         std::uint64_t capacity_bytes)
    : transfer_(transfer), burst_(burst_bytes) {
  const Transfer& t = transfer_;
  if (t.bytes == 0) return;
  if (t.address >= capacity_bytes) beyond_capacity(t.address, capacity_bytes);
  std::uint64_t last_byte = 0;
  switch (t.pattern) {
    case AccessPattern::sequential:
      count_ = bursts_covering(t.address, t.bytes, burst_);
      last_byte = t.address + t.bytes - 1;
      cursor_ = align(t.address);
      chunk_end_ = t.address + t.bytes;
      break;
    case AccessPattern::strided: {
      if (t.chunk_bytes == 0) throw std::invalid_argument("strided transfer with chunk_bytes = 0");
      if (t.stride_bytes < t.chunk_bytes) {
        throw std::invalid_argument("strided transfer whose stride_bytes is shorter than chunk_bytes");
      }
      const std::uint64_t chunks = (t.bytes + t.chunk_bytes - 1) / t.chunk_bytes;
      const std::uint64_t last_chunk = t.bytes - (chunks - 1) * t.chunk_bytes;
      if (chunks - 1 > (capacity_bytes - t.address) / t.stride_bytes) {
        beyond_capacity(t.address + (chunks - 1) * t.stride_bytes, capacity_bytes);
      }
      last_byte = t.address + (chunks - 1) * t.stride_bytes + last_chunk - 1;
      // A chunk's burst count depends only on where it starts within a burst, which repeats
      // every `period` chunks, so one period is counted and multiplied.
      const std::uint64_t period = burst_ / std::gcd(t.stride_bytes % burst_ + burst_, burst_);
      const std::uint64_t full = chunks - 1;  // every chunk but the last is whole
      for (std::uint64_t k = 0; k < std::min(period, full); ++k) {
        const std::uint64_t per_chunk =
            bursts_covering(t.address + k * t.stride_bytes, t.chunk_bytes, burst_);
        count_ += per_chunk * ((full - k + period - 1) / period);
      }
      count_ += bursts_covering(t.address + full * t.stride_bytes, last_chunk, burst_);
      cursor_ = align(t.address);
      chunk_end_ = t.address + std::min(t.chunk_bytes, t.bytes);
      break;
    }
    case AccessPattern::random: {
      const std::uint64_t span = t.span_bytes != 0 ? t.span_bytes : t.bytes;
      count_ = (t.bytes + burst_ - 1) / burst_;
      slots_ = std::max<std::uint64_t>(1, bursts_covering(t.address, span, burst_));
      last_byte = align(t.address) + slots_ * burst_ - 1;
      rng_state_ = t.seed;
      break;
    }
  }
  if (last_byte >= capacity_bytes || last_byte < t.address) beyond_capacity(last_byte, capacity_bytes);
}

std::uint64_t BurstStream::random_below(std::uint64_t bound) {
  return splitmix64(rng_state_) % bound;
}

bool BurstStream::next(std::uint64_t& address) {
  if (issued_ == count_) return false;
  ++issued_;
  if (transfer_.pattern == AccessPattern::random) {
    address = align(transfer_.address) + random_below(slots_) * burst_;
    return true;
  }
  address = cursor_;
  cursor_ += burst_;
  if (cursor_ < chunk_end_) return true;
  // Next chunk (strided); a sequential transfer has only one.
  if (transfer_.pattern == AccessPattern::strided) {
    ++chunk_index_;
    const std::uint64_t start = transfer_.address + chunk_index_ * transfer_.stride_bytes;
    const std::uint64_t done = chunk_index_ * transfer_.chunk_bytes;
    if (done < transfer_.bytes) {
      cursor_ = align(start);
      chunk_end_ = start + std::min(transfer_.chunk_bytes, transfer_.bytes - done);
    }
  }
  return true;
}

}  // namespace axsim::mem
