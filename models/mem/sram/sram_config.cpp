#include "models/mem/sram/sram_config.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace axsim::mem {
namespace {

// A quantity of bytes that must be a whole, positive number that fits the models' integers.
std::uint64_t whole_bytes(const core::Section& s, const std::string& key) {
  const double value = s.bytes(key).si;
  if (value < 1 || value != std::floor(value) || value > 9.0e18) {
    s.fail(key, "must be a whole number of bytes, at least 1 B");
  }
  return static_cast<std::uint64_t>(value);
}

int positive_int(const core::Section& s, const std::string& key) {
  const int64_t value = s.positive_integer(key);
  if (value > std::numeric_limits<int>::max()) s.fail(key, "is too large");
  return static_cast<int>(value);
}

core::Time positive_time(const core::Section& s, const std::string& key) {
  const core::Time t = s.time(key);
  if (t.si <= 0) s.fail(key, "must be positive");
  return t;
}

}  // namespace

std::uint64_t SramConfig::cycle_at_or_after(core::Time time) const {
  if (time.si <= 0) return 0;
  const double exact = time.si * clock.si;
  const double nearest = std::round(exact);
  if (std::abs(exact - nearest) < 1e-9 * std::max(1.0, nearest))
    return static_cast<std::uint64_t>(nearest);
  return static_cast<std::uint64_t>(std::ceil(exact));
}

double SramConfig::size_factor() const {
  return std::sqrt(static_cast<double>(bank_capacity_bytes()) /
                   static_cast<double>(reference_capacity_bytes));
}

int SramConfig::read_latency_cycles() const {
  return static_cast<int>(
      std::max<std::uint64_t>(1, cycle_at_or_after(read_latency * size_factor())));
}

int SramConfig::write_latency_cycles() const {
  return static_cast<int>(
      std::max<std::uint64_t>(1, cycle_at_or_after(write_latency * size_factor())));
}

core::Bandwidth SramConfig::peak_bandwidth() const {
  return core::bytes_per_second(static_cast<double>(banks) * ports * width_bytes * clock.si);
}

SramConfig load_sram_config(const core::Section& section) {
  SramConfig c;
  c.name = section.string_or("name", "");
  c.source = section.string_or("source", "");
  c.capacity_bytes = whole_bytes(section, "capacity");
  c.banks = positive_int(section, "banks");
  const std::uint64_t width = whole_bytes(section, "width");
  if (width > std::numeric_limits<std::uint32_t>::max()) section.fail("width", "is too large");
  c.width_bytes = static_cast<std::uint32_t>(width);
  c.ports = positive_int(section, "ports");
  c.clock = section.frequency("clock");
  if (c.clock.si <= 0) section.fail("clock", "must be positive");
  c.reference_capacity_bytes = whole_bytes(section, "reference_capacity");
  c.read_latency = positive_time(section, "read_latency");
  c.write_latency = positive_time(section, "write_latency");
  const core::Section energy = section.section("energy");
  c.read_action = energy.string("read");
  c.write_action = energy.string("write");

  const std::uint64_t stripe = static_cast<std::uint64_t>(c.banks) * c.width_bytes;
  if (c.capacity_bytes % stripe != 0) {
    section.fail("capacity", std::to_string(c.capacity_bytes) + " B is not a whole number of " +
                                 std::to_string(c.banks) + " banks x " +
                                 std::to_string(c.width_bytes) + " B accesses");
  }
  return c;
}

SramConfig load_sram_file(const std::string& path, const std::vector<std::string>& overrides) {
  const core::ConfigNode root = core::load_config(path, overrides);
  const core::Section section(root);
  SramConfig config = load_sram_config(section);
  section.finish();
  return config;
}

}  // namespace axsim::mem
