// A DRAM device and its controller settings as one validated value: what a memory preset
// (configs/mem/*.yaml, docs/memory.md) describes. Both the detailed and the fast model are
// built from it, so they cannot disagree about the device.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/core/units.h"
#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

// The coordinates an address decodes to. A controller serves one (stack, channel,
// pseudo_channel); the other fields select a location inside it.
enum class AddressField : std::uint8_t {
  stack,
  channel,
  pseudo_channel,
  bank_group,
  bank,
  row,
  column,
};
constexpr int kAddressFields = 7;

const char* field_name(AddressField field);

struct DramOrganization {
  int stacks = 0;
  int channels = 0;         // per stack
  int pseudo_channels = 0;  // per channel (1 when a channel is one command unit)
  int bank_groups = 0;
  int banks_per_group = 0;
  std::uint32_t rows = 0;         // per bank
  std::uint32_t columns = 0;      // bursts per row
  std::uint32_t burst_bytes = 0;  // bytes per RD or WR

  // Independent command units, each served by its own controller.
  int units() const { return stacks * channels * pseudo_channels; }
  int banks() const { return bank_groups * banks_per_group; }  // per unit
  std::uint64_t count(AddressField field) const;
};

enum class DramMode : std::uint8_t { detailed, fast };

// How the bank of an address is chosen from its mapping digits (docs/memory.md, "Address
// mapping"): as mapped, or XOR-ed with the row so that streams whose addresses differ only
// in row bits fall on different banks (permutation-based interleaving).
enum class BankHash : std::uint8_t { none, xor_row };

// Technology-table action names charged per event (docs/memory.md, "Energy").
struct DramEnergyActions {
  std::string activate;  // per ACT
  std::string read;      // per bit read from the array
  std::string write;     // per bit written to the array
  std::string io;        // per bit over the interface, either direction
  std::string refresh;   // per bank refreshed
};

struct DramSpec {
  std::string name;
  std::string standard;
  std::string source;
  core::Frequency clock;  // command clock; one controller cycle is 1 / clock
  DramOrganization organization;
  DramTiming timing;
  ControllerConfig controller;
  // Controller and PHY overhead of one access, request and data paths together; added once
  // to every access's latency, on top of the DRAM timing.
  core::Time frontend_latency;
  std::vector<AddressField> mapping;  // least significant first, above the burst offset
  BankHash bank_hash = BankHash::none;
  DramMode mode = DramMode::detailed;
  DramEnergyActions energy;

  core::Time cycle_time() const { return core::period(clock); }
  core::Time cycles_to_time(double cycles) const { return cycle_time() * cycles; }
  // The first cycle at or after `time` (a transfer issued mid-cycle waits for the edge).
  Cycle cycle_at_or_after(core::Time time) const;

  ChannelOrg channel_org() const;
  std::uint64_t capacity_bytes() const;
  // Every unit's data bus busy: burst_bytes per tBL cycles per unit, the datasheet figure.
  core::Bandwidth peak_bandwidth() const;
};

}  // namespace axsim::mem
