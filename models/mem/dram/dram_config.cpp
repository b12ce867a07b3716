// The memory preset schema (docs/memory.md) read into a DramSpec, with every check that keeps
// an impossible device out of the models.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "models/mem/dram/dram_config.h"

namespace axsim::mem {
namespace {

using core::ConfigNode;
using core::InputError;
using core::Section;

// Timing values beyond this many cycles are typos, and bigger ones would overflow an int.
constexpr double kMaxTimingCycles = 1e9;

bool is_power_of_two(std::uint64_t n) { return n != 0 && (n & (n - 1)) == 0; }

// Organisation key that holds the count of each address field.
const char* organization_key(AddressField field) {
  switch (field) {
    case AddressField::stack:
      return "stacks";
    case AddressField::channel:
      return "channels";
    case AddressField::pseudo_channel:
      return "pseudo_channels";
    case AddressField::bank_group:
      return "bank_groups";
    case AddressField::bank:
      return "banks_per_group";
    case AddressField::row:
      return "rows";
    case AddressField::column:
      return "columns";
  }
  return "?";
}

std::string all_field_names() {
  std::string names;
  for (int f = 0; f < kAddressFields; ++f) {
    names += std::string(names.empty() ? "'" : ", '") + field_name(static_cast<AddressField>(f)) + "'";
  }
  return names;
}

int count_at_most(const Section& section, const std::string& key, int64_t limit) {
  const int64_t value = section.positive_integer(key);
  if (value > limit) section.fail(key, "must be at most " + std::to_string(limit));
  return static_cast<int>(value);
}

DramOrganization read_organization(const Section& s) {
  constexpr int64_t kIntMax = std::numeric_limits<int>::max();
  DramOrganization org;
  org.stacks = count_at_most(s, "stacks", kIntMax);
  org.channels = count_at_most(s, "channels", kIntMax);
  org.pseudo_channels = count_at_most(s, "pseudo_channels", kIntMax);
  org.bank_groups = count_at_most(s, "bank_groups", kIntMax);
  org.banks_per_group = count_at_most(s, "banks_per_group", kIntMax);
  org.rows = static_cast<std::uint32_t>(count_at_most(s, "rows", kIntMax));
  org.columns = static_cast<std::uint32_t>(count_at_most(s, "columns", kIntMax));
  org.burst_bytes = static_cast<std::uint32_t>(count_at_most(s, "burst_bytes", kIntMax));
  if (!is_power_of_two(org.burst_bytes)) {
    s.fail("burst_bytes", "must be a power of two: the burst offset is the lowest address bits");
  }
  const int64_t units = static_cast<int64_t>(org.stacks) * org.channels * org.pseudo_channels;
  if (units > (1 << 20)) s.fail("channels", "more than 2^20 channel units in all");
  double bytes = org.burst_bytes;
  for (int f = 0; f < kAddressFields; ++f) bytes *= static_cast<double>(org.count(static_cast<AddressField>(f)));
  if (bytes >= 9.2e18) s.fail("rows", "the device holds more than 2^63 bytes");
  return org;
}

// An integer is a number of cycles; a time with a unit becomes cycles, rounded up.
int timing_cycles(const Section& s, const std::string& key, core::Frequency clock) {
  const std::string text = s.string(key);
  const bool plain_integer =
      !text.empty() && std::all_of(text.begin() + ((text[0] == '+' || text[0] == '-') ? 1 : 0),
                                   text.end(), [](char c) { return c >= '0' && c <= '9'; });
  double cycles = 0;
  if (plain_integer) {
    cycles = static_cast<double>(s.integer(key));
    if (cycles < 0) s.fail(key, "must not be negative");
  } else {
    const double exact = s.time(key).si * clock.si;
    const double nearest = std::round(exact);
    cycles = std::abs(exact - nearest) < 1e-9 * std::max(1.0, nearest) ? nearest : std::ceil(exact);
  }
  if (cycles > kMaxTimingCycles) s.fail(key, "more than 10^9 cycles");
  return static_cast<int>(cycles);
}

void require_positive(const Section& s, const std::string& key, int value) {
  if (value <= 0) s.fail(key, "must be at least 1 cycle");
}

void require_at_least(const Section& s, const std::string& key, int value, int bound,
                      const std::string& bound_text) {
  if (value < bound) {
    s.fail(key, key + " = " + std::to_string(value) + " cycles, but must be at least " +
                    bound_text + " = " + std::to_string(bound) + " cycles");
  }
}

DramTiming read_timing(const Section& s, core::Frequency clock, int banks) {
  DramTiming t;
  const auto read = [&](const char* key, int& field) { field = timing_cycles(s, key, clock); };
  read("CL", t.CL);
  read("CWL", t.CWL);
  read("tBL", t.tBL);
  read("tRCDRD", t.tRCDRD);
  read("tRCDWR", t.tRCDWR);
  read("tRP", t.tRP);
  read("tRAS", t.tRAS);
  read("tRC", t.tRC);
  read("tCCD_S", t.tCCD_S);
  read("tCCD_L", t.tCCD_L);
  read("tRRD_S", t.tRRD_S);
  read("tRRD_L", t.tRRD_L);
  read("tFAW", t.tFAW);
  read("tWR", t.tWR);
  read("tRTP", t.tRTP);
  read("tWTR_S", t.tWTR_S);
  read("tWTR_L", t.tWTR_L);
  read("tRTRS", t.tRTRS);
  read("tREFI", t.tREFI);
  read("tRFC", t.tRFC);
  read("tRFCpb", t.tRFCpb);
  read("tRREFD", t.tRREFD);

  require_positive(s, "CL", t.CL);
  require_positive(s, "tBL", t.tBL);
  require_positive(s, "tRCDRD", t.tRCDRD);
  require_positive(s, "tRCDWR", t.tRCDWR);
  require_positive(s, "tRP", t.tRP);
  require_positive(s, "tRFC", t.tRFC);
  require_positive(s, "tRFCpb", t.tRFCpb);
  require_at_least(s, "tRAS", t.tRAS, t.tRCDRD, "tRCDRD");
  require_at_least(s, "tRC", t.tRC, t.tRAS + t.tRP, "tRAS + tRP");
  require_at_least(s, "tCCD_S", t.tCCD_S, t.tBL, "tBL");
  require_at_least(s, "tCCD_L", t.tCCD_L, t.tCCD_S, "tCCD_S");
  require_at_least(s, "tRRD_L", t.tRRD_L, t.tRRD_S, "tRRD_S");
  require_at_least(s, "tWTR_L", t.tWTR_L, t.tWTR_S, "tWTR_S");
  require_at_least(s, "tREFI", t.tREFI, t.tRFC + 1, "tRFC + 1");
  // Per-bank refresh issues one REFpb every floor(tREFI / banks) cycles.
  require_at_least(s, "tREFI", t.tREFI, banks, "one cycle per bank");
  return t;
}

ControllerConfig read_controller(const Section& s, DramMode& mode) {
  ControllerConfig c;
  c.page_policy = s.choice("page_policy", {"open", "closed"}) == "open" ? PagePolicy::open
                                                                         : PagePolicy::closed;
  const std::string refresh = s.choice("refresh", {"none", "per_bank", "all_bank"});
  c.refresh = refresh == "none"       ? RefreshMode::none
              : refresh == "per_bank" ? RefreshMode::per_bank
                                      : RefreshMode::all_bank;
  c.read_queue = count_at_most(s, "read_queue", 1 << 16);
  c.write_queue = count_at_most(s, "write_queue", 1 << 16);
  c.write_high = count_at_most(s, "write_high", 1 << 16);
  c.write_low = static_cast<int>(s.integer("write_low"));
  if (c.write_high > c.write_queue) {
    s.fail("write_high", "write_high = " + std::to_string(c.write_high) +
                             " exceeds write_queue = " + std::to_string(c.write_queue) +
                             ": the drain would never start");
  }
  if (c.write_low < 0) s.fail("write_low", "must not be negative");
  if (c.write_low >= c.write_high) {
    s.fail("write_low", "write_low = " + std::to_string(c.write_low) +
                            " must be below write_high = " + std::to_string(c.write_high));
  }
  mode = s.choice("mode", {"detailed", "fast"}) == "detailed" ? DramMode::detailed
                                                              : DramMode::fast;
  return c;
}

std::vector<AddressField> read_mapping(const Section& controller) {
  const ConfigNode& list = controller.child("mapping");
  if (!list.is_sequence()) {
    controller.fail("mapping", "expected a list of address fields, least significant first (" +
                                   all_field_names() + ")");
  }
  std::vector<AddressField> mapping;
  for (const ConfigNode& item : list.items()) {
    int found = -1;
    for (int f = 0; f < kAddressFields && item.is_scalar(); ++f) {
      if (item.scalar() == field_name(static_cast<AddressField>(f))) found = f;
    }
    if (found < 0) {
      throw InputError(item.location(), item.path(),
                       "expected one of " + all_field_names() + ", got " +
                           (item.is_scalar() ? "'" + item.scalar() + "'" : std::string("a non-name")));
    }
    const auto field = static_cast<AddressField>(found);
    if (std::find(mapping.begin(), mapping.end(), field) != mapping.end()) {
      throw InputError(item.location(), item.path(),
                       std::string("'") + field_name(field) + "' appears twice in the mapping");
    }
    mapping.push_back(field);
  }
  for (int f = 0; f < kAddressFields; ++f) {
    const auto field = static_cast<AddressField>(f);
    if (std::find(mapping.begin(), mapping.end(), field) == mapping.end()) {
      controller.fail("mapping", std::string("misses '") + field_name(field) +
                                     "': the mapping lists each of " + all_field_names() + " once");
    }
  }
  return mapping;
}

BankHash read_bank_hash(const Section& controller, const Section& organization,
                        const DramOrganization& org) {
  if (controller.choice_or("bank_hash", {"none", "xor"}, "none") == "none") return BankHash::none;
  // XOR keeps an index inside its range only when the range is whole bits.
  for (const AddressField field : {AddressField::bank_group, AddressField::bank}) {
    if (!is_power_of_two(org.count(field))) {
      organization.fail(organization_key(field),
                        std::to_string(org.count(field)) +
                            " is not a power of two, which controller.bank_hash: xor needs (XOR "
                            "of a bank index must stay a bank index); use bank_hash: none");
    }
  }
  return BankHash::xor_row;
}

DramEnergyActions read_energy(const Section& s) {
  DramEnergyActions e;
  e.activate = s.string("activate");
  e.read = s.string("read");
  e.write = s.string("write");
  e.io = s.string("io");
  e.refresh = s.string("refresh");
  return e;
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

// A copy of `node` whose key paths start at `path`.
ConfigNode with_path(const ConfigNode& node, const std::string& path) {
  switch (node.kind()) {
    case ConfigNode::Kind::scalar:
      return ConfigNode::make_scalar(node.scalar(), node.location(), path);
    case ConfigNode::Kind::null:
      return ConfigNode::make_null(node.location(), path);
    case ConfigNode::Kind::map: {
      ConfigNode out = ConfigNode::make_map(node.location(), path);
      for (const std::string& key : node.keys()) out.set(key, with_path(node.at(key), join_path(path, key)));
      return out;
    }
    case ConfigNode::Kind::sequence: {
      ConfigNode out = ConfigNode::make_sequence(node.location(), path);
      for (size_t i = 0; i < node.items().size(); ++i) {
        out.push_back(with_path(node.items()[i], path + "[" + std::to_string(i) + "]"));
      }
      return out;
    }
  }
  return node;
}

// `top` over `bottom`, as base: composition does: maps key by key, anything else replaces.
ConfigNode merged(const ConfigNode& bottom, const ConfigNode& top) {
  if (!bottom.is_map() || !top.is_map()) return top;
  ConfigNode out = ConfigNode::make_map(top.location(), top.path());
  for (const std::string& key : bottom.keys()) out.set(key, bottom.at(key));
  for (const std::string& key : top.keys()) {
    out.set(key, bottom.has(key) ? merged(bottom.at(key), top.at(key)) : top.at(key));
  }
  return out;
}

// Relative to the file that wrote the value; a --set value is relative to the working
// directory, like every other path given on the command line.
std::string preset_path(const ConfigNode& value) {
  namespace fs = std::filesystem;
  const fs::path written(value.scalar());
  const std::string& file = value.location().file;
  if (written.is_absolute() || file.empty() || file.rfind("--set", 0) == 0) return written.string();
  return (fs::path(file).parent_path() / written).lexically_normal().string();
}

ConfigNode load_preset(const ConfigNode& value, const std::string& path) {
  if (!value.is_scalar() || value.scalar().empty()) {
    throw InputError(value.location(), value.path(), "expected the path of a memory preset");
  }
  const std::string file = preset_path(value);
  try {
    return with_path(core::load_config_file(file), path);
  } catch (const InputError& e) {
    // A missing preset is the referring value's mistake; anything inside it is the preset's.
    if (!std::filesystem::is_regular_file(file)) {
      throw InputError(value.location(), value.path(),
                       "cannot read memory preset '" + value.scalar() + "' (looked for '" + file + "')");
    }
    throw;
  }
}

}  // namespace

DramSpec load_dram_spec(const Section& section) {
  DramSpec spec;
  spec.name = section.string("name");
  spec.standard = section.string("standard");
  spec.source = section.string("source");
  spec.clock = section.frequency("clock");
  if (spec.clock.si <= 0) section.fail("clock", "must be positive");

  const Section organization = section.section("organization");
  spec.organization = read_organization(organization);
  const Section timing = section.section("timing");
  spec.timing = read_timing(timing, spec.clock, spec.organization.banks());
  const Section controller = section.section("controller");
  spec.controller = read_controller(controller, spec.mode);
  spec.frontend_latency = controller.time("frontend_latency");
  spec.mapping = read_mapping(controller);
  spec.bank_hash = read_bank_hash(controller, organization, spec.organization);
  spec.energy = read_energy(section.section("energy"));
  section.finish();
  return spec;
}

DramSpec load_memory_config(const std::string& path, const std::vector<std::string>& overrides) {
  const ConfigNode root = core::load_config(path, overrides);
  return load_dram_spec(Section(root));
}

ConfigNode resolve_memory_node(const ConfigNode& node) {
  if (node.is_scalar()) return load_preset(node, node.path());
  if (!node.is_map()) {
    throw InputError(node.location(), node.path(),
                     "expected the path of a memory preset, or a map (with `base:` naming a preset)");
  }
  if (!node.has("base")) return node;
  ConfigNode own = node;
  own.erase("base");
  return merged(load_preset(node.at("base"), node.path()), own);
}

DramSpec load_memory_node(const ConfigNode& node) {
  const ConfigNode resolved = resolve_memory_node(node);
  return load_dram_spec(Section(resolved));
}

}  // namespace axsim::mem
