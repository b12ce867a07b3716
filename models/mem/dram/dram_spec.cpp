#include "models/mem/dram/dram_spec.h"

#include <algorithm>
#include <cmath>

namespace axsim::mem {

const char* field_name(AddressField field) {
  switch (field) {
    case AddressField::stack:
      return "stack";
    case AddressField::channel:
      return "channel";
    case AddressField::pseudo_channel:
      return "pseudo_channel";
    case AddressField::bank_group:
      return "bank_group";
    case AddressField::bank:
      return "bank";
    case AddressField::row:
      return "row";
    case AddressField::column:
      return "column";
  }
  return "?";
}

std::uint64_t DramOrganization::count(AddressField field) const {
  switch (field) {
    case AddressField::stack:
      return static_cast<std::uint64_t>(stacks);
    case AddressField::channel:
      return static_cast<std::uint64_t>(channels);
    case AddressField::pseudo_channel:
      return static_cast<std::uint64_t>(pseudo_channels);
    case AddressField::bank_group:
      return static_cast<std::uint64_t>(bank_groups);
    case AddressField::bank:
      return static_cast<std::uint64_t>(banks_per_group);
    case AddressField::row:
      return rows;
    case AddressField::column:
      return columns;
  }
  return 0;
}

Cycle DramSpec::cycle_at_or_after(core::Time time) const {
  if (time.si <= 0) return 0;
  const double cycles = time.si * clock.si;
  // A time that is a whole number of cycles, give or take rounding, is that cycle.
  const double nearest = std::round(cycles);
  if (std::abs(cycles - nearest) < 1e-9 * std::max(1.0, nearest)) {
    return static_cast<Cycle>(nearest);
  }
  return static_cast<Cycle>(std::ceil(cycles));
}

ChannelOrg DramSpec::channel_org() const {
  ChannelOrg org;
  org.bank_groups = organization.bank_groups;
  org.banks_per_group = organization.banks_per_group;
  org.rows = organization.rows;
  org.columns = organization.columns;
  org.burst_bytes = organization.burst_bytes;
  return org;
}

std::uint64_t DramSpec::capacity_bytes() const {
  std::uint64_t bytes = organization.burst_bytes;
  for (int f = 0; f < kAddressFields; ++f) bytes *= organization.count(static_cast<AddressField>(f));
  return bytes;
}

core::Bandwidth DramSpec::peak_bandwidth() const {
  const double bytes_per_cycle = static_cast<double>(organization.units()) *
                                 organization.burst_bytes / timing.tBL;
  return core::bytes_per_second(bytes_per_cycle * clock.si);
}

}  // namespace axsim::mem
