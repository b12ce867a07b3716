#include "reports/report_format.h"

#include <cmath>
#include <cstdio>
#include <iterator>

namespace axsim::reports {

namespace {

// Three significant digits with an SI prefix chosen so the mantissa is in [1, 1000).
std::string si_scaled(double value, const char* unit) {
  static const char* const kPrefixes[] = {"", "k", "M", "G", "T", "P", "E"};
  if (!std::isfinite(value)) return "n/a";
  double magnitude = std::fabs(value);
  int k = 0;
  while (magnitude >= 999.5 && k < 6) {
    magnitude /= 1000.0;
    value /= 1000.0;
    ++k;
  }
  char text[48];
  const int decimals = magnitude >= 99.95 ? 0 : magnitude >= 9.995 ? 1 : 2;
  std::snprintf(text, sizeof text, "%.*f %s%s", k == 0 && std::floor(value) == value ? 0 : decimals,
                value, kPrefixes[k], unit);
  std::string out = text;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string format_ops_rate(double ops_per_s) { return si_scaled(ops_per_s, "OPS"); }

std::string format_count(double count) { return si_scaled(count, ""); }

std::string format_percent(double fraction) {
  char text[32];
  const double percent = 100.0 * fraction;
  std::snprintf(text, sizeof text, "%.*f%%", std::fabs(percent) < 9.95 ? 1 : 0, percent);
  return text;
}

std::string format_current(double amps) {
  struct Unit {
    const char* name;
    double factor;
  };
  static const Unit kUnits[] = {{"nA", 1e-9}, {"µA", 1e-6}, {"mA", 1e-3}, {"A", 1.0}};
  if (!std::isfinite(amps)) return "n/a";
  if (amps == 0) return "0 A";
  const double magnitude = std::fabs(amps);
  // 0.9995 of the next unit already prints as 1.00 of it, never as "1000" of this one.
  std::size_t k = 0;
  while (k + 1 < std::size(kUnits) && magnitude >= 0.9995 * kUnits[k + 1].factor) ++k;
  const double scaled = amps / kUnits[k].factor;
  const double size = std::fabs(scaled);
  char text[48];
  if (size < 0.9995) {
    std::snprintf(text, sizeof text, "%.3g %s", scaled, kUnits[k].name);
  } else {
    std::snprintf(text, sizeof text, "%.*f %s", size >= 99.95 ? 0 : size >= 9.995 ? 1 : 2, scaled,
                  kUnits[k].name);
  }
  return text;
}

std::string format_share(double part, double whole) {
  return format_percent(whole > 0 ? part / whole : 0.0);
}

std::string svg_number(double value, int digits) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  std::string out = text;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out == "-0" ? "0" : out;
}

std::string exact_number(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace axsim::reports
