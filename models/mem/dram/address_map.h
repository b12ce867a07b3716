// Byte address to DRAM coordinates, per the preset's `mapping`: the burst offset takes the
// lowest bits, then the burst index is read as a mixed-radix number whose digits are the
// listed fields, least significant first, so any field may have any count (five stacks
// interleaved at low address bits, 49,152 rows). With `bank_hash: xor` the bank digits are
// then XOR-ed with the row (docs/memory.md, "Address mapping").
#pragma once

#include <array>
#include <cstdint>

#include "models/mem/dram/dram_spec.h"

namespace axsim::mem {

struct DramAddress {
  int stack = 0;
  int channel = 0;
  int pseudo_channel = 0;
  int bank_group = 0;
  int bank = 0;  // within its bank group
  std::uint32_t row = 0;
  std::uint32_t column = 0;  // in bursts

  std::uint64_t get(AddressField field) const;
  void set(AddressField field, std::uint64_t value);
};

class AddressMap {
 public:
  explicit AddressMap(const DramSpec& spec);

  // std::out_of_range naming the address when it lies at or beyond capacity_bytes().
  DramAddress decode(std::uint64_t address) const;
  // The first byte of the burst at `where`; decode(encode(a)) == a.
  std::uint64_t encode(const DramAddress& where) const;
  // The bank group and bank that mapping digits `digits` select under the bank hash (the
  // digits themselves without one). Its own inverse, as the row it depends on is unchanged.
  DramAddress hash_banks(const DramAddress& digits) const;

  // The controller serving `where`: (stack, channel, pseudo_channel) in row-major order.
  int unit(const DramAddress& where) const;
  int units() const { return units_; }
  std::uint64_t capacity_bytes() const { return capacity_; }
  std::uint32_t burst_bytes() const { return burst_bytes_; }
  // Consecutive bursts between one value of `field` and the next: the product of the counts
  // of every field mapped below it.
  std::uint64_t stride_bursts(AddressField field) const { return stride_[index(field)]; }
  std::uint64_t count(AddressField field) const { return count_[index(field)]; }
  // The field at `position` of the mapping, 0 being the least significant.
  AddressField field_at(std::size_t position) const { return order_[position]; }
  // The coordinates of `unit`'s controller (every other field 0).
  DramAddress unit_address(int unit) const;

 private:
  static size_t index(AddressField field) { return static_cast<size_t>(field); }

  std::array<AddressField, kAddressFields> order_{};  // least significant first
  std::array<std::uint64_t, kAddressFields> stride_{};
  std::array<std::uint64_t, kAddressFields> count_{};
  int channels_ = 0;
  int pseudo_channels_ = 0;
  int units_ = 0;
  std::uint32_t burst_bytes_ = 0;
  int burst_shift_ = 0;
  std::uint64_t capacity_ = 0;
  // XOR hash: the row folded to bank_bits_ bits, whose low group_bits_ go to the bank group.
  bool hash_ = false;
  int group_bits_ = 0;
  int bank_bits_ = 0;
};

}  // namespace axsim::mem
