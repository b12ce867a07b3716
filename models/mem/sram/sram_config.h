// An on-chip SRAM as the SRAM model sees it: banks interleaved every `width` bytes, each with
// `ports` accesses per cycle, and a latency and energy per access that grow with the bank's
// size (docs/memory.md, "SRAM").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/core/config.h"
#include "models/core/units.h"

namespace axsim::mem {

struct SramConfig {
  std::string name;    // optional in the file; shown in messages and reports
  std::string source;  // where the figures come from
  std::uint64_t capacity_bytes = 0;
  int banks = 0;
  std::uint32_t width_bytes = 0;  // bytes one access moves in one bank
  int ports = 0;                  // accesses each bank accepts per cycle
  core::Frequency clock;
  // The bank capacity that read_latency, write_latency and the technology table's SRAM
  // energies were given for; other bank sizes scale by size_factor().
  std::uint64_t reference_capacity_bytes = 0;
  core::Time read_latency;
  core::Time write_latency;
  std::string read_action;   // technology-table action per byte read from the array
  std::string write_action;  // per byte written

  std::uint64_t bank_capacity_bytes() const {
    return capacity_bytes / static_cast<std::uint64_t>(banks);
  }
  // The first clock edge at or after `time`; a time that is a whole number of cycles, give or
  // take rounding error, is that cycle.
  std::uint64_t cycle_at_or_after(core::Time time) const;
  // CACTI-like: access time and energy are dominated by the wires across the array, whose
  // length grows with its side, so both scale with sqrt(bank capacity / reference capacity).
  double size_factor() const;
  int read_latency_cycles() const;         // scaled, rounded up, at least 1
  int write_latency_cycles() const;        // scaled, rounded up, at least 1
  core::Bandwidth peak_bandwidth() const;  // every bank busy on every port
};

// Reads and validates every key of an SRAM map; finish() is left to the caller, who may have
// read other keys of the same map.
SramConfig load_sram_config(const core::Section& section);

// A standalone SRAM preset file (base:/include: and --set overrides work as for any config).
SramConfig load_sram_file(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace axsim::mem
