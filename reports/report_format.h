// Number formatting the report needs beyond models/core/units.h: operation rates, counts,
// shares, and the plain decimal numbers written into SVG coordinates and sort keys.
#pragma once

#include <string>

namespace axsim::reports {

std::string format_ops_rate(double ops_per_s);  // "7.83 TOPS", "61.8 GOPS"
std::string format_count(double count);         // "4.09 G", "512", "118 M"
std::string format_percent(double fraction);    // 0.0853 -> "8.5%"
std::string format_current(double amps);        // "412 µA", "3.20 mA", "85.0 nA"
// Share of a whole as a percentage, "0%" when the whole is 0.
std::string format_share(double part, double whole);
// Fixed-point with up to `digits` decimals, trailing zeros trimmed: SVG coordinates.
std::string svg_number(double value, int digits = 2);
// Round-trip exact decimal for data-v sort keys.
std::string exact_number(double value);

}  // namespace axsim::reports
