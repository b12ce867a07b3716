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

namespace {

int log2_floor(std::uint64_t n) {
  int bits = 0;
  while ((std::uint64_t{1} << (bits + 1)) <= n) ++bits;
  return bits;
}

}  // namespace

AddressMap::AddressMap(const DramSpec& spec)
    : channels_(spec.organization.channels),
      pseudo_channels_(spec.organization.pseudo_channels),
      units_(spec.organization.units()),
      burst_bytes_(spec.organization.burst_bytes),
      capacity_(spec.capacity_bytes()),
      hash_(spec.bank_hash == BankHash::xor_row),
      group_bits_(log2_floor(static_cast<std::uint64_t>(spec.organization.bank_groups))),
      bank_bits_(log2_floor(static_cast<std::uint64_t>(spec.organization.banks()))) {
  if (spec.mapping.size() != kAddressFields) {
    throw std::logic_error("AddressMap: the mapping must list every address field once");
  }
  std::uint64_t stride = 1;
  for (size_t i = 0; i < spec.mapping.size(); ++i) {
    const AddressField field = spec.mapping[i];
    order_[i] = field;
    stride_[index(field)] = stride;
    count_[index(field)] = spec.organization.count(field);
    stride *= count_[index(field)];
  }
  burst_shift_ = log2_floor(burst_bytes_);  // burst_bytes is a power of two (config loader)
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
  DramAddress digits;
  for (const AddressField field : order_) {
    digits.set(field, burst / stride_[index(field)] % count_[index(field)]);
  }
  return hash_banks(digits);
}

std::uint64_t AddressMap::encode(const DramAddress& where) const {
  const DramAddress digits = hash_banks(where);
  std::uint64_t burst = 0;
  for (const AddressField field : order_) burst += digits.get(field) * stride_[index(field)];
  return burst * burst_bytes_;
}

DramAddress AddressMap::hash_banks(const DramAddress& digits) const {
  if (!hash_ || bank_bits_ == 0) return digits;
  // Every row bit takes part, not only the lowest: two buffers half the device apart differ
  // in the top row bit alone, and must still land on different banks. The config loader
  // requires power-of-two bank counts with the hash, so the XOR stays a bank index.
  const std::uint64_t mask = (std::uint64_t{1} << bank_bits_) - 1;
  std::uint64_t fold = 0;
  for (std::uint64_t row = digits.row; row != 0; row >>= bank_bits_) fold ^= row & mask;
  const std::uint64_t group_mask = (std::uint64_t{1} << group_bits_) - 1;
  const std::uint64_t flat =
      ((static_cast<std::uint64_t>(digits.bank) << group_bits_) |
       static_cast<std::uint64_t>(digits.bank_group)) ^ fold;
  DramAddress out = digits;
  out.bank_group = static_cast<int>(flat & group_mask);
  out.bank = static_cast<int>(flat >> group_bits_);
  return out;
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
