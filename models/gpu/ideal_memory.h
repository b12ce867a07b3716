// An idealised memory behind the MemoryModel interface: one pipe that moves bytes at a fixed
// bandwidth, transfers served in arrival order, each completing a fixed latency after its
// last byte left the pipe. No banks, rows or refresh, so it has no DRAM efficiency to lose:
// it is what `gpu.ideal_memory` selects for experiments and tests that must not depend on
// DRAM timing. Energy is booked as the technology table's `dram_byte` per byte moved.
#pragma once

#include <cstdint>

#include "models/gpu/gpu_config.h"
#include "models/mem/memory_model.h"

namespace axsim::gpu {

class IdealMemory final : public mem::MemoryModel {
 public:
  explicit IdealMemory(const IdealMemoryConfig& config);

  mem::TransferTiming transfer(const mem::Transfer& transfer) override;
  std::uint64_t capacity_bytes() const override;
  core::Bandwidth peak_bandwidth() const override { return config_.bandwidth; }
  void report(core::StatGroup& stats) const override;
  void charge_energy(core::EnergyLedger& ledger, const std::string& component,
                     const std::string& layer) const override;

 private:
  IdealMemoryConfig config_;
  core::Time free_at_;  // when the pipe has sent everything accepted so far
  double bytes_read_ = 0;
  double bytes_written_ = 0;
  double busy_s_ = 0;
  double transfers_ = 0;
};

}  // namespace axsim::gpu
