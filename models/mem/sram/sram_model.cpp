#include "models/mem/sram/sram_model.h"

#include <algorithm>
#include <optional>

#include "models/core/energy.h"
#include "models/core/stats.h"
#include "models/mem/dram/burst_stream.h"

namespace axsim::mem {

SramModel::SramModel(const SramConfig& config)
    : config_(config),
      read_latency_cycles_(config.read_latency_cycles()),
      write_latency_cycles_(config.write_latency_cycles()),
      next_slot_(static_cast<std::size_t>(config.banks), 0) {}

core::Time SramModel::time_of(Cycle cycle) const {
  return core::period(config_.clock) * static_cast<double>(cycle);
}

TransferTiming SramModel::transfer(const Transfer& transfer) {
  BurstStream reads(transfer, config_.width_bytes, config_.capacity_bytes);
  // A copy writes the same pattern at copy_to, one access after each read.
  std::optional<BurstStream> writes;
  if (transfer.is_copy) {
    Transfer destination = transfer;
    destination.address = transfer.copy_to;
    writes.emplace(destination, config_.width_bytes, config_.capacity_bytes);
  }
  const bool is_write = transfer.is_write && !transfer.is_copy;
  const std::uint64_t accesses = reads.count() + (writes ? writes->count() : 0);
  if (accesses == 0) return {transfer.start, transfer.start};

  const Cycle start = config_.cycle_at_or_after(transfer.start);
  const std::uint64_t ports = static_cast<std::uint64_t>(config_.ports);
  const std::uint64_t per_cycle = static_cast<std::uint64_t>(config_.banks) * ports;
  Cycle first_done = 0;
  Cycle last_done = 0;
  std::uint64_t index = 0;
  const auto serve = [&](std::uint64_t address, bool write) {
    // Without conflicts the accesses would go per_cycle at a time, in order.
    const Cycle offered = start + index / per_cycle;
    std::uint64_t& next = next_slot_[(address / config_.width_bytes) % next_slot_.size()];
    const std::uint64_t slot = std::max(offered * ports, next);
    next = slot + 1;
    const Cycle issued = slot / ports;
    conflict_cycles_ += issued - offered;
    const Cycle done =
        issued + static_cast<Cycle>(write ? write_latency_cycles_ : read_latency_cycles_);
    if (index++ == 0) first_done = done;
    last_done = std::max(last_done, done);
  };
  for (std::uint64_t address = 0, served = 0; served < accesses;) {
    if (reads.next(address)) {
      serve(address, is_write);
      ++served;
    }
    if (writes && writes->next(address)) {
      serve(address, true);
      ++served;
    }
  }

  ++transfers_;
  if (transfer.is_copy) {
    read_accesses_ += reads.count();
    write_accesses_ += writes->count();
    bytes_read_ += transfer.bytes;
    bytes_written_ += transfer.bytes;
  } else {
    (is_write ? write_accesses_ : read_accesses_) += reads.count();
    (is_write ? bytes_written_ : bytes_read_) += transfer.bytes;
  }
  busy_cycles_ += last_done - std::min(last_done, std::max(start, busy_until_));
  busy_until_ = std::max(busy_until_, last_done);
  return {time_of(first_done), time_of(last_done)};
}

void SramModel::report(core::StatGroup& stats) const {
  const double width = config_.width_bytes;
  stats.add("transfers", "transfers served", "1") += static_cast<double>(transfers_);
  stats.add("read_accesses", "bank accesses that read", "1") += static_cast<double>(read_accesses_);
  stats.add("write_accesses", "bank accesses that wrote", "1") +=
      static_cast<double>(write_accesses_);
  stats.add("bytes_read", "bytes the transfers read", "B") += static_cast<double>(bytes_read_);
  stats.add("bytes_written", "bytes the transfers wrote", "B") +=
      static_cast<double>(bytes_written_);
  stats.add("array_bytes", "bytes moved in the arrays (whole accesses)", "B") +=
      static_cast<double>(read_accesses_ + write_accesses_) * width;
  stats.add("bank_conflict_cycles",
            "cycles accesses waited for a busy bank beyond a conflict-free interleave, summed",
            "cycles") += static_cast<double>(conflict_cycles_);
  stats.add("busy_time", "time with a transfer in flight", "s") += time_of(busy_cycles_).si;
  stats.add("peak_bandwidth", "every bank busy on every port", "B/s") +=
      config_.peak_bandwidth().si;
  stats.add("read_latency", "array read latency after size scaling", "cycles") +=
      read_latency_cycles_;
  stats.add("write_latency", "array write latency after size scaling", "cycles") +=
      write_latency_cycles_;
  stats.add("size_factor",
            "sqrt(bank capacity / reference capacity), applied to latency and energy", "1") +=
      config_.size_factor();
}

void SramModel::charge_energy(core::EnergyLedger& ledger, const std::string& component,
                              const std::string& layer) const {
  const double scaled_width = config_.width_bytes * config_.size_factor();
  if (read_accesses_ > 0) {
    ledger.count(component, layer, config_.read_action,
                 static_cast<double>(read_accesses_) * scaled_width);
  }
  if (write_accesses_ > 0) {
    ledger.count(component, layer, config_.write_action,
                 static_cast<double>(write_accesses_) * scaled_width);
  }
}

}  // namespace axsim::mem
