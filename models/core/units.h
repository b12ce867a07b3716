// Physical quantities carried with their units. Each type stores one double in its SI base
// unit (seconds, hertz, bytes, bytes per second, joules, watts); parsing from text requires
// an explicit unit, so "12.5" alone is an error, never a guess.
#pragma once

#include <optional>
#include <string>

namespace axsim::core {

template <typename Tag>
struct Quantity {
  double si = 0.0;  // value in the SI base unit of Tag

  constexpr Quantity() = default;
  constexpr explicit Quantity(double value_si) : si(value_si) {}

  constexpr Quantity operator+(Quantity o) const { return Quantity(si + o.si); }
  constexpr Quantity operator-(Quantity o) const { return Quantity(si - o.si); }
  constexpr Quantity operator*(double k) const { return Quantity(si * k); }
  constexpr Quantity operator/(double k) const { return Quantity(si / k); }
  constexpr double operator/(Quantity o) const { return si / o.si; }
  Quantity& operator+=(Quantity o) { si += o.si; return *this; }
  constexpr bool operator<(Quantity o) const { return si < o.si; }
  constexpr bool operator>(Quantity o) const { return si > o.si; }
  constexpr bool operator<=(Quantity o) const { return si <= o.si; }
  constexpr bool operator>=(Quantity o) const { return si >= o.si; }
  constexpr bool operator==(Quantity o) const { return si == o.si; }
  constexpr bool operator!=(Quantity o) const { return si != o.si; }
};

struct TimeTag {};
struct FrequencyTag {};
struct BytesTag {};
struct BandwidthTag {};
struct EnergyTag {};
struct PowerTag {};

using Time = Quantity<TimeTag>;            // seconds
using Frequency = Quantity<FrequencyTag>;  // hertz
using Bytes = Quantity<BytesTag>;          // bytes
using Bandwidth = Quantity<BandwidthTag>;  // bytes per second
using Energy = Quantity<EnergyTag>;        // joules
using Power = Quantity<PowerTag>;          // watts

// Named constructors, so call sites read in the unit they think in.
constexpr Time seconds(double v) { return Time(v); }
constexpr Time nanoseconds(double v) { return Time(v * 1e-9); }
constexpr Time picoseconds(double v) { return Time(v * 1e-12); }
constexpr Frequency hertz(double v) { return Frequency(v); }
constexpr Frequency megahertz(double v) { return Frequency(v * 1e6); }
constexpr Frequency gigahertz(double v) { return Frequency(v * 1e9); }
constexpr Bytes bytes(double v) { return Bytes(v); }
constexpr Bandwidth bytes_per_second(double v) { return Bandwidth(v); }
constexpr Energy joules(double v) { return Energy(v); }
constexpr Energy picojoules(double v) { return Energy(v * 1e-12); }
constexpr Power watts(double v) { return Power(v); }

// Cross-unit arithmetic that the models need.
constexpr Time period(Frequency f) { return Time(1.0 / f.si); }
constexpr Time transfer_time(Bytes b, Bandwidth bw) { return Time(b.si / bw.si); }
constexpr Energy operator*(Power p, Time t) { return Energy(p.si * t.si); }
constexpr Power operator/(Energy e, Time t) { return Power(e.si / t.si); }
constexpr Bandwidth operator/(Bytes b, Time t) { return Bandwidth(b.si / t.si); }

// Parsers: "<number> <unit>" (the space is optional). On failure they throw
// std::invalid_argument with a message that lists the accepted units; config code turns that
// into an InputError naming the file, line and key.
//   time:       ps ns us µs ms s
//   frequency:  Hz kHz MHz GHz
//   bytes:      B, KB MB GB TB (decimal, 10^3) and KiB MiB GiB TiB (binary, 2^10); also bits
//               written b Kb Mb Gb Kib Mib Gib are refused for capacities (a capacity is bytes)
//   bandwidth:  B/s KB/s MB/s GB/s TB/s, KiB/s MiB/s GiB/s, and bit rates b/s Kb/s Mb/s Gb/s Tb/s
//   energy:     fJ pJ nJ uJ µJ mJ J
//   power:      nW uW µW mW W kW
Time parse_time(const std::string& text);
Frequency parse_frequency(const std::string& text);
Bytes parse_bytes(const std::string& text);
Bandwidth parse_bandwidth(const std::string& text);
Energy parse_energy(const std::string& text);
Power parse_power(const std::string& text);

// Human-readable formatting with an SI prefix chosen for 3 significant digits, e.g.
// format_time(Time(1.25e-6)) == "1.25 us". Bytes use binary prefixes (KiB, MiB, ...).
std::string format_time(Time t);
std::string format_frequency(Frequency f);
std::string format_bytes(Bytes b);
std::string format_bandwidth(Bandwidth bw);
std::string format_energy(Energy e);
std::string format_power(Power p);

}  // namespace axsim::core
