#include "models/core/units.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace axsim::core {
namespace {

struct Unit {
  std::string_view name;
  double factor;  // SI base units per one of this unit
};

// A family of units for one quantity: what the parser accepts and how errors describe it.
struct Family {
  std::string_view noun;      // "time", "capacity", ...
  std::string_view accepted;  // listed in error messages, as a user would type them
  const Unit* units;
  size_t count;
};

constexpr Unit kTimeUnits[] = {{"ps", 1e-12}, {"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1.0}};
constexpr Unit kFrequencyUnits[] = {{"Hz", 1.0}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}};
constexpr Unit kByteUnits[] = {{"B", 1.0},         {"KB", 1e3},           {"MB", 1e6},
                               {"GB", 1e9},        {"TB", 1e12},          {"KiB", 1024.0},
                               {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
// Bit units are recognised only so a capacity written in bits gets a precise refusal.
constexpr std::string_view kBitUnitNames[] = {"b",   "Kb",  "Mb",  "Gb", "Tb",
                                              "Kib", "Mib", "Gib", "Tib"};
constexpr Unit kBandwidthUnits[] = {
    {"B/s", 1.0},         {"KB/s", 1e3},           {"MB/s", 1e6},
    {"GB/s", 1e9},        {"TB/s", 1e12},          {"KiB/s", 1024.0},
    {"MiB/s", 1048576.0}, {"GiB/s", 1073741824.0}, {"TiB/s", 1099511627776.0},
    {"b/s", 1.0 / 8},     {"Kb/s", 1e3 / 8},       {"Mb/s", 1e6 / 8},
    {"Gb/s", 1e9 / 8},    {"Tb/s", 1e12 / 8}};
constexpr Unit kEnergyUnits[] = {{"fJ", 1e-15}, {"pJ", 1e-12}, {"nJ", 1e-9},
                                 {"uJ", 1e-6},  {"mJ", 1e-3},  {"J", 1.0}};
constexpr Unit kPowerUnits[] = {{"nW", 1e-9}, {"uW", 1e-6}, {"mW", 1e-3}, {"W", 1.0}, {"kW", 1e3}};

template <size_t N>
constexpr Family family(std::string_view noun, std::string_view accepted, const Unit (&units)[N]) {
  return Family{noun, accepted, units, N};
}

const Family kTime = family("time", "ps, ns, us (or \xC2\xB5s), ms, s", kTimeUnits);
const Family kFrequency = family("frequency", "Hz, kHz, MHz, GHz", kFrequencyUnits);
const Family kBytes =
    family("capacity", "B, KB, MB, GB, TB (x1000), KiB, MiB, GiB, TiB (x1024)", kByteUnits);
const Family kBandwidth =
    family("bandwidth",
           "B/s, KB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s, GiB/s, TiB/s, b/s, Kb/s, Mb/s, Gb/s, Tb/s",
           kBandwidthUnits);
const Family kEnergy = family("energy", "fJ, pJ, nJ, uJ (or \xC2\xB5J), mJ, J", kEnergyUnits);
const Family kPower = family("power", "nW, uW (or \xC2\xB5W), mW, W, kW", kPowerUnits);

const Unit* find_unit(const Unit* units, size_t count, std::string_view name) {
  for (size_t i = 0; i < count; ++i) {
    if (units[i].name == name) return &units[i];
  }
  return nullptr;
}

// Users type the micro sign (U+00B5) or the Greek mu (U+03BC) as often as 'u'.
std::string normalise_micro(std::string_view unit) {
  for (std::string_view mu : {std::string_view("\xC2\xB5"), std::string_view("\xCE\xBC")}) {
    if (unit.substr(0, mu.size()) == mu) return "u" + std::string(unit.substr(mu.size()));
  }
  return std::string(unit);
}

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the decimal number at the start of `text` ([+-]digits[.digits][e[+-]digits]);
// 0 when there is none. Scanning by hand keeps out what strtod would also accept (hex, inf,
// nan, locale-specific separators).
size_t number_length(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    const size_t exponent_start = j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j > exponent_start) i = j;
  }
  return i;
}

[[noreturn]] void refuse(const Family& f, const std::string& text, const std::string& why) {
  throw std::invalid_argument("invalid " + std::string(f.noun) + " '" + text + "': " + why);
}

[[noreturn]] void refuse_unit(const Family& f, const std::string& text, const std::string& why) {
  refuse(f, text, why + " (accepted units: " + std::string(f.accepted) + ")");
}

// Splits "<number> <unit>" and returns the number and the unit text, or throws.
std::pair<double, std::string> split_quantity(const Family& f, const std::string& text) {
  std::string_view rest(text);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);
  if (rest.empty()) refuse_unit(f, text, "expected a number and a unit");

  const size_t length = number_length(rest);
  if (length == 0) refuse(f, text, "expected a number before the unit");
  std::string_view number = rest.substr(0, length);
  if (number.front() == '-') refuse(f, text, "must not be negative");
  if (number.front() == '+') number.remove_prefix(1);

  double value = 0.0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec == std::errc::result_out_of_range) refuse(f, text, "number out of range");
  if (ec != std::errc() || end != number.data() + number.size()) {
    refuse(f, text, "expected a number before the unit");
  }

  rest.remove_prefix(length);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  if (rest.empty()) refuse_unit(f, text, "missing unit");
  return {value, normalise_micro(rest)};
}

double parse_in(const Family& f, const std::string& text) {
  const auto [value, unit_name] = split_quantity(f, text);
  const Unit* unit = find_unit(f.units, f.count, unit_name);
  if (unit == nullptr) refuse_unit(f, text, "unknown unit '" + unit_name + "'");
  const double si = value * unit->factor;
  if (!std::isfinite(si)) refuse(f, text, "number out of range");
  return si;
}

// Formatting picks among these; parse tables double as format tables where every unit is
// wanted in output (ascending order). Capacities print binary, rates decimal, by convention.
constexpr Unit kBinaryByteUnits[] = {{"B", 1.0},
                                     {"KiB", 1024.0},
                                     {"MiB", 1048576.0},
                                     {"GiB", 1073741824.0},
                                     {"TiB", 1099511627776.0}};
constexpr Unit kDecimalRateUnits[] = {
    {"B/s", 1.0}, {"KB/s", 1e3}, {"MB/s", 1e6}, {"GB/s", 1e9}, {"TB/s", 1e12}};

std::string printf_double(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

// Three significant digits for 1 <= v < 1000; beyond the prefix table's ends the value keeps
// its magnitude rather than inventing prefixes the parser would not accept back. The
// thresholds sit where rounding reaches the next decade, so 9.996 prints "10.0", not "10.00".
std::string three_digits(double v) {
  if (v >= 99.95) return printf_double("%.0f", v);
  if (v >= 9.995) return printf_double("%.1f", v);
  if (v >= 0.9995) return printf_double("%.2f", v);
  return printf_double("%.3g", v);
}

// `whole_base`: counts in the base unit are integers (bytes), so "512 B" not "512.00 B".
template <size_t N>
std::string format_scaled(double value, const Unit (&prefixes)[N], bool whole_base = false) {
  std::string_view base_unit = prefixes[0].name;
  for (const Unit& p : prefixes) {
    if (p.factor == 1.0) base_unit = p.name;
  }
  if (!std::isfinite(value)) return printf_double("%g", value) + " " + std::string(base_unit);
  if (value == 0.0) return "0 " + std::string(base_unit);

  const std::string sign = value < 0 ? "-" : "";
  const double magnitude = std::fabs(value);
  size_t k = 0;
  while (k + 1 < N && magnitude >= prefixes[k + 1].factor) ++k;
  std::string digits;
  for (;;) {
    const double scaled = magnitude / prefixes[k].factor;
    const bool whole = whole_base && prefixes[k].factor == 1.0 && scaled == std::floor(scaled);
    digits = whole ? printf_double("%.0f", scaled) : three_digits(scaled);
    // Rounding can carry into the next prefix (999.7 ns prints as "1000"): move up then.
    // The tolerance absorbs the inexact ratio of decimal factors (1e-6 / 1e-9 < 1000).
    const bool carried = k + 1 < N && std::strtod(digits.c_str(), nullptr) >=
                                          prefixes[k + 1].factor / prefixes[k].factor * (1 - 1e-9);
    if (!carried) break;
    ++k;
  }
  return sign + digits + " " + std::string(prefixes[k].name);
}

}  // namespace

Time parse_time(const std::string& text) { return Time(parse_in(kTime, text)); }
Frequency parse_frequency(const std::string& text) { return Frequency(parse_in(kFrequency, text)); }
Bandwidth parse_bandwidth(const std::string& text) { return Bandwidth(parse_in(kBandwidth, text)); }
Energy parse_energy(const std::string& text) { return Energy(parse_in(kEnergy, text)); }
Power parse_power(const std::string& text) { return Power(parse_in(kPower, text)); }

Bytes parse_bytes(const std::string& text) {
  const auto unit_name = split_quantity(kBytes, text).second;
  const auto* bits = std::find(std::begin(kBitUnitNames), std::end(kBitUnitNames), unit_name);
  if (bits != std::end(kBitUnitNames)) {
    refuse(kBytes, text,
           "'" + unit_name +
               "' counts bits, but a capacity is in bytes (write B, KB, MB, "
               "GB, TB, KiB, MiB, GiB or TiB)");
  }
  return Bytes(parse_in(kBytes, text));
}

std::string format_time(Time t) { return format_scaled(t.si, kTimeUnits); }
std::string format_frequency(Frequency f) { return format_scaled(f.si, kFrequencyUnits); }
std::string format_bytes(Bytes b) { return format_scaled(b.si, kBinaryByteUnits, true); }
std::string format_bandwidth(Bandwidth bw) { return format_scaled(bw.si, kDecimalRateUnits); }
std::string format_energy(Energy e) { return format_scaled(e.si, kEnergyUnits); }
std::string format_power(Power p) { return format_scaled(p.si, kPowerUnits); }

}  // namespace axsim::core
