// A banked on-chip SRAM behind the MemoryModel interface. Addresses interleave over the banks
// every `width` bytes; the requester offers up to banks x ports accesses per cycle (a full
// crossbar), and each bank accepts `ports` of them per cycle, so accesses that pile onto one
// bank (a stride that is a multiple of banks x width, say) wait their turn. Banks are
// pipelined: a new access can start every cycle while earlier ones are still in flight.
// State persists between transfers, so overlapping transfers contend for the same banks.
#pragma once

#include <cstdint>
#include <vector>

#include "models/mem/memory_model.h"
#include "models/mem/sram/sram_config.h"

namespace axsim::mem {

class SramModel final : public MemoryModel {
 public:
  explicit SramModel(const SramConfig& config);

  TransferTiming transfer(const Transfer& transfer) override;

  std::uint64_t capacity_bytes() const override { return config_.capacity_bytes; }
  core::Bandwidth peak_bandwidth() const override { return config_.peak_bandwidth(); }
  void report(core::StatGroup& stats) const override;
  // Bytes moved in the array (whole accesses) times size_factor(), against the configured
  // read and write actions: the table's SRAM figures are for the reference capacity.
  void charge_energy(core::EnergyLedger& ledger, const std::string& component,
                     const std::string& layer) const override;

  const SramConfig& config() const { return config_; }

 private:
  using Cycle = std::uint64_t;

  core::Time time_of(Cycle cycle) const;

  SramConfig config_;
  int read_latency_cycles_;
  int write_latency_cycles_;
  // Per bank: the first free port slot, counted in cycles x ports.
  std::vector<std::uint64_t> next_slot_;
  std::uint64_t read_accesses_ = 0;
  std::uint64_t write_accesses_ = 0;
  std::uint64_t bytes_read_ = 0;  // as the transfers asked
  std::uint64_t bytes_written_ = 0;
  std::uint64_t transfers_ = 0;
  std::uint64_t conflict_cycles_ = 0;  // summed over accesses: cycles lost to a busy bank
  Cycle busy_cycles_ = 0;              // cycles with a transfer in flight
  Cycle busy_until_ = 0;
};

}  // namespace axsim::mem
