// What every memory model offers the accelerator models: move `bytes` starting at `address`
// and say when the data is there. The DRAM models answer it in detailed mode (every burst
// scheduled) or fast mode (cost derived from the same timing); SRAM answers it from its banks
// and ports. TLM targets (models/mem/tlm) put a socket in front of any of them.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/core/units.h"

namespace axsim::core {
class EnergyLedger;
class StatGroup;
}  // namespace axsim::core

namespace axsim::mem {

enum class AccessPattern : std::uint8_t {
  sequential,  // one contiguous block
  strided,     // chunk_bytes every stride_bytes (a tile of a larger matrix)
  random,      // burst-sized accesses at uniformly random aligned addresses in a span, seeded
};

struct Transfer {
  core::Time start;  // when the initiator issues it (simulated time)
  std::uint64_t address = 0;
  std::uint64_t bytes = 0;
  bool is_write = false;
  // A copy reads `bytes` at `address` and writes them at `copy_to` in the same pattern, one
  // burst read then one written, so reads and writes share the memory (is_write is ignored).
  bool is_copy = false;
  std::uint64_t copy_to = 0;
  AccessPattern pattern = AccessPattern::sequential;
  std::uint64_t stride_bytes = 0;  // strided only
  std::uint64_t chunk_bytes = 0;   // strided only
  std::uint64_t seed = 1;          // random only
  // Random only: the accesses fall in [address, address + span_bytes), a table larger than
  // what one transfer gathers from it; 0 means [address, address + bytes).
  std::uint64_t span_bytes = 0;
};

struct TransferTiming {
  core::Time first_data;  // first burst's data complete
  core::Time finish;      // last burst's data complete
};

class MemoryModel {
 public:
  virtual ~MemoryModel() = default;

  // Transfers must be issued in non-decreasing `start` order. Throws std::out_of_range
  // naming the address when the access leaves the address space.
  virtual TransferTiming transfer(const Transfer& transfer) = 0;

  virtual std::uint64_t capacity_bytes() const = 0;
  virtual core::Bandwidth peak_bandwidth() const = 0;
  // Statistics since construction, into `stats` (docs/config-reference.md lists them).
  virtual void report(core::StatGroup& stats) const = 0;
  // Dynamic energy of everything moved so far, booked under `component`.
  virtual void charge_energy(core::EnergyLedger& ledger, const std::string& component,
                             const std::string& layer) const = 0;
};

}  // namespace axsim::mem
