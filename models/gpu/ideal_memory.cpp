#include "models/gpu/ideal_memory.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/core/energy.h"
#include "models/core/stats.h"

namespace axsim::gpu {

namespace {

// The first data a transfer delivers: one 32-byte burst, as an HBM pseudo-channel moves it.
constexpr double kFirstDataBytes = 32;

}  // namespace

IdealMemory::IdealMemory(const IdealMemoryConfig& config) : config_(config) {}

std::uint64_t IdealMemory::capacity_bytes() const {
  return static_cast<std::uint64_t>(config_.capacity.si);
}

mem::TransferTiming IdealMemory::transfer(const mem::Transfer& t) {
  if (t.address + t.bytes > capacity_bytes()) {
    throw std::out_of_range("address " + std::to_string(t.address + t.bytes - 1) +
                            " is beyond the " + std::to_string(capacity_bytes()) +
                            "-byte ideal memory");
  }
  const double bytes = static_cast<double>(t.bytes);
  const core::Time start = std::max(t.start, free_at_);
  const core::Time occupancy = core::transfer_time(core::bytes(bytes), config_.bandwidth);
  free_at_ = start + occupancy;
  (t.is_write ? bytes_written_ : bytes_read_) += bytes;
  busy_s_ += occupancy.si;
  transfers_ += 1;
  const core::Time first =
      core::transfer_time(core::bytes(std::min(bytes, kFirstDataBytes)), config_.bandwidth);
  return {start + first + config_.latency, free_at_ + config_.latency};
}

void IdealMemory::report(core::StatGroup& stats) const {
  stats.add("bytes_read", "bytes read", "B").value = bytes_read_;
  stats.add("bytes_written", "bytes written", "B").value = bytes_written_;
  stats.add("busy_time", "time the pipe was moving data", "s").value = busy_s_;
  stats.add("transfers", "transfers served", "1").value = transfers_;
}

void IdealMemory::charge_energy(core::EnergyLedger& ledger, const std::string& component,
                                const std::string& layer) const {
  ledger.count(component, layer, "dram_byte", bytes_read_ + bytes_written_);
}

}  // namespace axsim::gpu
