#include "models/cim/cim_config.h"

#include <cmath>
#include <cstdlib>

#include "models/mem/dram/dram_config.h"

namespace axsim::cim {

namespace {

// "<number> <prefix><unit>" for the electrical quantities units.h does not carry (volts,
// amperes): prefixes n, u, µ, m or none.
double electrical(const core::Section& section, const std::string& key, const std::string& unit) {
  const std::string text = section.string(key);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  std::string suffix(end);
  while (!suffix.empty() && suffix.front() == ' ') suffix.erase(suffix.begin());
  double scale = 0;
  if (suffix == unit)
    scale = 1;
  else if (suffix == "m" + unit)
    scale = 1e-3;
  else if (suffix == "u" + unit || suffix == "\xC2\xB5" + unit)
    scale = 1e-6;
  else if (suffix == "n" + unit)
    scale = 1e-9;
  if (end == text.c_str() || scale == 0) {
    section.fail(key, "expected a number with a unit: n" + unit + ", u" + unit + ", m" + unit +
                          " or " + unit + " (got '" + text + "')");
  }
  if (value < 0) section.fail(key, "must not be negative");
  return value * scale;
}

MacroGeometry parse_macro(const core::Section& m, double* adc_cycles_per_bit) {
  MacroGeometry g;
  g.rows = m.integer("rows");
  g.columns = m.integer("columns");
  g.bits_per_cell = static_cast<int>(m.integer("bits_per_cell"));
  g.weight_bits = static_cast<int>(m.integer("weight_bits"));
  g.input_bits = static_cast<int>(m.integer("input_bits"));
  g.dac_bits = static_cast<int>(m.integer("dac_bits"));
  g.adc_bits = static_cast<int>(m.integer("adc_bits"));
  if (g.adc_bits <= 0)
    m.fail("adc_bits", "must be at least 1 (got " + std::to_string(g.adc_bits) + ")");
  g.columns_per_adc = m.integer("columns_per_adc");
  g.adc_range_bits = static_cast<int>(m.integer_or("adc_range_bits", 0));
  const bool fixed = m.has("conversion_cycles");
  const bool per_bit = m.has("adc_cycles_per_bit");
  if (fixed == per_bit) {
    m.fail(fixed ? "adc_cycles_per_bit" : "conversion_cycles",
           "give exactly one of conversion_cycles (fixed) and adc_cycles_per_bit (SAR: cycles "
           "grow with adc_bits)");
  }
  if (fixed) {
    g.conversion_cycles = static_cast<int>(m.integer("conversion_cycles"));
  } else {
    *adc_cycles_per_bit = m.positive_number("adc_cycles_per_bit");
    g.conversion_cycles = static_cast<int>(std::ceil(g.adc_bits * *adc_cycles_per_bit - 1e-9));
  }
  const std::string problem = geometry_problem(g);
  if (!problem.empty()) {
    // The message starts with the parameter at fault ("columns (256) must be ...").
    const std::string key = problem.substr(0, problem.find_first_of(" ("));
    m.fail(key, problem);
  }
  return g;
}

PowerConfig parse_power(const core::Section& p) {
  PowerConfig c;
  c.supply_v = electrical(p, "supply", "V");
  if (c.supply_v <= 0) p.fail("supply", "must be positive");
  c.frame_rate_hz = p.has("frame_rate") ? p.frequency("frame_rate").si : 0.0;
  if (c.frame_rate_hz < 0) p.fail("frame_rate", "must not be negative");
  c.active_static_current_a = electrical(p, "active_static_current", "A");
  c.idle_current_a = electrical(p, "idle_current", "A");
  c.sleep_current_a = electrical(p, "sleep_current", "A");
  c.wakeup_time = p.time("wakeup_time");
  if (c.wakeup_time.si < 0) p.fail("wakeup_time", "must not be negative");
  c.wakeup_energy = p.energy("wakeup_energy");
  if (c.wakeup_energy.si < 0) p.fail("wakeup_energy", "must not be negative");
  c.between_frames = p.choice_or("between_frames", {"sleep", "idle"}, "sleep") == "idle"
                         ? SleepMode::idle
                         : SleepMode::sleep;
  return c;
}

AccuracyConfig parse_accuracy(const core::Section& a) {
  AccuracyConfig c;
  c.vectors = a.integer_or("vectors", c.vectors);
  if (c.vectors < 1) a.fail("vectors", "must be at least 1");
  c.columns = a.integer_or("columns", c.columns);
  if (c.columns < 1) a.fail("columns", "must be at least 1");
  c.seed = static_cast<uint64_t>(a.integer_or("seed", 1));
  c.read_noise_lsb = a.number_or("read_noise_lsb", 0.0);
  if (c.read_noise_lsb < 0) a.fail("read_noise_lsb", "must not be negative");
  return c;
}

}  // namespace

const char* reload_policy_name(ReloadPolicy policy) {
  return policy == ReloadPolicy::reprogram ? "reprogram" : "stream";
}

CimConfig parse_cim_config(const core::Section& section) {
  CimConfig c;
  c.clock = section.frequency("clock");
  if (c.clock.si <= 0) section.fail("clock", "must be positive");
  c.cell = section.choice("cell", {"nor_flash", "sram"}) == "sram" ? CellKind::sram
                                                                   : CellKind::nor_flash;
  c.macros = section.positive_integer("macros");
  c.depthwise_groups_per_tile = section.integer_or("depthwise_groups_per_tile", 16);
  if (c.depthwise_groups_per_tile < 1)
    section.fail("depthwise_groups_per_tile", "must be at least 1");

  const core::Section macro = section.section("macro");
  c.macro = parse_macro(macro, &c.adc_cycles_per_bit);
  macro.finish();

  const core::Section adc = section.section("adc");
  c.adc.kind =
      adc.choice("kind", {"analog", "digital"}) == "digital" ? AdcKind::digital : AdcKind::analog;
  c.adc.reference_bits = static_cast<int>(adc.positive_integer("reference_bits"));
  c.adc.range_per_layer = adc.boolean_or("range_per_layer", false);
  adc.finish();

  const core::Section reload = section.section("reload");
  c.reload.policy = reload.choice("policy", {"reprogram", "stream"}) == "stream"
                        ? ReloadPolicy::stream
                        : ReloadPolicy::reprogram;
  c.reload.row_time = reload.time("row_time");
  if (c.reload.row_time.si < 0) reload.fail("row_time", "must not be negative");
  c.reload.parallel_macros = reload.positive_integer("parallel_macros");
  reload.finish();

  const core::Section buffer = section.section("buffer");
  c.buffer_capacity = buffer.bytes("capacity");
  if (c.buffer_capacity.si <= 0) buffer.fail("capacity", "must be positive");
  c.bus_bytes_per_cycle = buffer.positive_integer("bus_bytes_per_cycle");
  buffer.finish();

  const core::Section vector = section.section("vector");
  c.vector_ops_per_cycle = vector.positive_integer("ops_per_cycle");
  vector.finish();

  const core::Section cpu = section.section("cpu");
  c.cpu_clock = cpu.frequency("clock");
  if (c.cpu_clock.si <= 0) cpu.fail("clock", "must be positive");
  c.cpu_ops_per_cycle = cpu.positive_number("ops_per_cycle");
  cpu.finish();

  c.layer_overhead = section.time("layer_overhead");
  if (c.layer_overhead.si < 0) section.fail("layer_overhead", "must not be negative");
  if (section.has("memory")) c.memory = mem::load_memory_node(section.child("memory"));

  const core::Section power = section.section("power");
  c.power = parse_power(power);
  power.finish();

  if (section.has("accuracy")) {
    const core::Section accuracy = section.section("accuracy");
    c.accuracy = parse_accuracy(accuracy);
    accuracy.finish();
  }
  section.finish();
  return c;
}

double weight_store_bytes(const CimConfig& config) {
  return static_cast<double>(config.macros) * config.macro.rows * logical_columns(config.macro) *
         config.macro.weight_bits / 8.0;
}

double peak_macs_per_s(const CimConfig& config) {
  return static_cast<double>(config.macros) * config.macro.rows * logical_columns(config.macro) /
         static_cast<double>(mvm_cycles(config.macro)) * config.clock.si;
}

}  // namespace axsim::cim
