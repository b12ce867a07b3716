// Byte address to DRAM coordinates, per the preset's `mapping`: the burst offset takes the
// lowest bits, then each listed field in turn takes log2(count) bits; the most significant
// field takes the quotient, so its count need not be a power of two.
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
  std::array<int, kAddressFields> shift_{};  // log2 of stride_
  int channels_ = 0;
  int pseudo_channels_ = 0;
  int units_ = 0;
  std::uint32_t burst_bytes_ = 0;
  int burst_shift_ = 0;
  std::uint64_t capacity_ = 0;
};

}  // namespace axsim::mem
