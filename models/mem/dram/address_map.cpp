#include "models/mem/dram/address_map.h"

#include <cstdio>
#include <stdexcept>

namespace axsim::mem {

std::uint64_t DramAddress::get(AddressField field) const {
  switch (field) {
    case AddressField::stack:
      return static_cast<std::uint64_t>(stack);
    case AddressField::channel:
      return static_cast<std::uint64_t>(channel);
    case AddressField::pseudo_channel:
      return static_cast<std::uint64_t>(pseudo_channel);
    case AddressField::bank_group:
      return static_cast<std::uint64_t>(bank_group);
    case AddressField::bank:
      return static_cast<std::uint64_t>(bank);
    case AddressField::row:
      return row;
    case AddressField::column:
      return column;
  }
  return 0;
}

void DramAddress::set(AddressField field, std::uint64_t value) {
  switch (field) {
    case AddressField::stack:
      stack = static_cast<int>(value);
      break;
    case AddressField::channel:
      channel = static_cast<int>(value);
      break;
    case AddressField::pseudo_channel:
      pseudo_channel = static_cast<int>(value);
      break;
    case AddressField::bank_group:
      bank_group = static_cast<int>(value);
      break;
    case AddressField::bank:
      bank = static_cast<int>(value);
      break;
    case AddressField::row:
      row = static_cast<std::uint32_t>(value);
      break;
    case AddressField::column:
      column = static_cast<std::uint32_t>(value);
      break;
  }
}

AddressMap::AddressMap(const DramSpec& spec)
    : channels_(spec.organization.channels),
      pseudo_channels_(spec.organization.pseudo_channels),
      units_(spec.organization.units()),
      burst_bytes_(spec.organization.burst_bytes),
      capacity_(spec.capacity_bytes()) {
  if (spec.mapping.size() != kAddressFields) {
    throw std::logic_error("AddressMap: the mapping must list every address field once");
  }
  // Every field below the top one has a power-of-two count (the config loader checks), so
  // each stride is a power of two and decoding is shifts and masks.
  std::uint64_t stride = 1;
  int shift = 0;
  for (size_t i = 0; i < spec.mapping.size(); ++i) {
    const AddressField field = spec.mapping[i];
    order_[i] = field;
    stride_[index(field)] = stride;
    shift_[index(field)] = shift;
    count_[index(field)] = spec.organization.count(field);
    stride *= count_[index(field)];
    while ((std::uint64_t{1} << shift) < stride) ++shift;
  }
  while ((1u << burst_shift_) < burst_bytes_) ++burst_shift_;
}

DramAddress AddressMap::decode(std::uint64_t address) const {
  if (address >= capacity_) {
    char text[160];
    std::snprintf(text, sizeof text, "address 0x%llx lies beyond the memory's %llu bytes",
                  static_cast<unsigned long long>(address),
                  static_cast<unsigned long long>(capacity_));
    throw std::out_of_range(text);
  }
  const std::uint64_t burst = address >> burst_shift_;
  DramAddress out;
  for (size_t i = 0; i < order_.size(); ++i) {
    const AddressField field = order_[i];
    const std::uint64_t value = burst >> shift_[index(field)];
    // The top field's quotient is already below its count, as the address is in range.
    out.set(field, i + 1 < order_.size() ? value & (count_[index(field)] - 1) : value);
  }
  return out;
}

std::uint64_t AddressMap::encode(const DramAddress& where) const {
  std::uint64_t burst = 0;
  for (const AddressField field : order_) burst += where.get(field) * stride_[index(field)];
  return burst * burst_bytes_;
}

DramAddress AddressMap::unit_address(int unit) const {
  DramAddress where;
  where.pseudo_channel = unit % pseudo_channels_;
  where.channel = unit / pseudo_channels_ % channels_;
  where.stack = unit / pseudo_channels_ / channels_;
  return where;
}

int AddressMap::unit(const DramAddress& where) const {
  return (where.stack * channels_ + where.channel) * pseudo_channels_ + where.pseudo_channel;
}

}  // namespace axsim::mem
