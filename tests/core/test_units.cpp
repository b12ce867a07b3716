#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "models/core/units.h"

using namespace axsim::core;
using Catch::Matchers::Contains;

namespace {

// The message of the std::invalid_argument that `parse` throws for `text`.
template <typename Parse>
std::string parse_error(Parse parse, const std::string& text) {
  try {
    parse(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  FAIL("'" << text << "' was accepted");
  return "";
}

}  // namespace

TEST_CASE("core.units: time units", "[units]") {
  CHECK(parse_time("5 ps").si == Approx(5e-12));
  CHECK(parse_time("5ns").si == Approx(5e-9));
  CHECK(parse_time("1.5 us").si == Approx(1.5e-6));
  CHECK(parse_time("1.5 \xC2\xB5s").si == Approx(1.5e-6));  // micro sign
  CHECK(parse_time("1.5 \xCE\xBCs").si == Approx(1.5e-6));  // Greek mu
  CHECK(parse_time("2 ms").si == Approx(2e-3));
  CHECK(parse_time("3 s").si == Approx(3.0));
  CHECK(parse_time("  +1e3 ns ").si == Approx(1e-6));
  CHECK(parse_time("0 s").si == 0.0);
  CHECK(parse_time(".5 ns").si == Approx(0.5e-9));
}

TEST_CASE("core.units: frequency units", "[units]") {
  CHECK(parse_frequency("50 Hz").si == Approx(50.0));
  CHECK(parse_frequency("32 kHz").si == Approx(32e3));
  CHECK(parse_frequency("940 MHz").si == Approx(940e6));
  CHECK(parse_frequency("1.4GHz").si == Approx(1.4e9));
  CHECK(parse_frequency("1.4 GHz") == gigahertz(1.4));
}

TEST_CASE("core.units: capacities keep decimal and binary prefixes apart", "[units]") {
  CHECK(parse_bytes("64 B").si == 64.0);
  CHECK(parse_bytes("1 KB").si == 1e3);
  CHECK(parse_bytes("1 KiB").si == 1024.0);
  CHECK(parse_bytes("2 MB").si == 2e6);
  CHECK(parse_bytes("2 MiB").si == 2.0 * 1024 * 1024);
  CHECK(parse_bytes("3 GB").si == 3e9);
  CHECK(parse_bytes("3 GiB").si == 3.0 * 1024 * 1024 * 1024);
  CHECK(parse_bytes("1 TB").si == 1e12);
  CHECK(parse_bytes("1 TiB").si == 1099511627776.0);
}

TEST_CASE("core.units: bandwidth accepts byte rates and bit rates", "[units]") {
  CHECK(parse_bandwidth("100 B/s").si == Approx(100.0));
  CHECK(parse_bandwidth("1 KB/s").si == Approx(1e3));
  CHECK(parse_bandwidth("1 MB/s").si == Approx(1e6));
  CHECK(parse_bandwidth("12.8 GB/s").si == Approx(12.8e9));
  CHECK(parse_bandwidth("3.35 TB/s").si == Approx(3.35e12));
  CHECK(parse_bandwidth("1 KiB/s").si == Approx(1024.0));
  CHECK(parse_bandwidth("1 MiB/s").si == Approx(1048576.0));
  CHECK(parse_bandwidth("1 GiB/s").si == Approx(1073741824.0));
  CHECK(parse_bandwidth("1 TiB/s").si == Approx(1099511627776.0));
  CHECK(parse_bandwidth("8 b/s").si == Approx(1.0));
  CHECK(parse_bandwidth("8 Kb/s").si == Approx(1e3));
  CHECK(parse_bandwidth("8 Mb/s").si == Approx(1e6));
  CHECK(parse_bandwidth("400 Gb/s").si == Approx(50e9));
  CHECK(parse_bandwidth("1.6 Tb/s").si == Approx(200e9));
}

TEST_CASE("core.units: energy units", "[units]") {
  CHECK(parse_energy("3 fJ").si == Approx(3e-15));
  CHECK(parse_energy("0.9 pJ").si == Approx(0.9e-12));
  CHECK(parse_energy("2 nJ").si == Approx(2e-9));
  CHECK(parse_energy("2 uJ").si == Approx(2e-6));
  CHECK(parse_energy("2 \xC2\xB5J").si == Approx(2e-6));
  CHECK(parse_energy("4 mJ").si == Approx(4e-3));
  CHECK(parse_energy("1 J").si == Approx(1.0));
}

TEST_CASE("core.units: power units", "[units]") {
  CHECK(parse_power("5 nW").si == Approx(5e-9));
  CHECK(parse_power("5 uW").si == Approx(5e-6));
  CHECK(parse_power("5 \xC2\xB5W").si == Approx(5e-6));
  CHECK(parse_power("250 mW").si == Approx(0.25));
  CHECK(parse_power("300 W").si == Approx(300.0));
  CHECK(parse_power("1.2 kW").si == Approx(1200.0));
}

TEST_CASE("core.units: a missing unit is an error that lists the accepted units", "[units]") {
  const std::string message = parse_error(parse_time, "12.5");
  CHECK_THAT(message, Contains("'12.5'") && Contains("missing unit"));
  CHECK_THAT(message, Contains("ps, ns, us") && Contains("ms, s"));
  CHECK_THAT(parse_error(parse_bandwidth, "100"), Contains("GB/s") && Contains("Gb/s"));
}

TEST_CASE("core.units: a wrong unit is an error naming the text and the accepted units",
          "[units]") {
  const std::string message = parse_error(parse_frequency, "1.4 mhz");
  CHECK_THAT(message, Contains("invalid frequency '1.4 mhz'") && Contains("unknown unit 'mhz'"));
  CHECK_THAT(message, Contains("Hz, kHz, MHz, GHz"));
  CHECK_THAT(parse_error(parse_bandwidth, "12 GB"), Contains("unknown unit 'GB'"));
  CHECK_THAT(parse_error(parse_time, "3 nsec"), Contains("unknown unit 'nsec'"));
  CHECK_THAT(parse_error(parse_energy, "1 W"), Contains("fJ, pJ"));
  CHECK_THAT(parse_error(parse_power, "1 J"), Contains("nW, uW"));
  CHECK_THAT(parse_error(parse_bytes, "1 kb"), Contains("unknown unit 'kb'"));
}

TEST_CASE("core.units: capacities refuse bit units", "[units]") {
  for (const char* text : {"8 b", "8 Kb", "8 Mb", "8 Gb", "8 Tb", "8 Mib", "8 Gib"}) {
    const std::string message = parse_error(parse_bytes, text);
    CHECK_THAT(message, Contains(std::string("'") + text + "'") && Contains("counts bits"));
    CHECK_THAT(message, Contains("capacity is in bytes"));
  }
}

TEST_CASE("core.units: malformed numbers are errors", "[units]") {
  CHECK_THAT(parse_error(parse_time, "-1 ns"), Contains("must not be negative"));
  CHECK_THAT(parse_error(parse_time, "nan ns"), Contains("expected a number"));
  CHECK_THAT(parse_error(parse_time, "inf ns"), Contains("expected a number"));
  CHECK_THAT(parse_error(parse_time, "0x10 ns"), Contains("unknown unit 'x10 ns'"));
  CHECK_THAT(parse_error(parse_time, "5 ns later"), Contains("unknown unit 'ns later'"));
  CHECK_THAT(parse_error(parse_time, "1.2.3 ns"), Contains("unknown unit '.3 ns'"));
  CHECK_THAT(parse_error(parse_time, ""), Contains("expected a number and a unit"));
  CHECK_THAT(parse_error(parse_time, "ns"), Contains("expected a number"));
  CHECK_THAT(parse_error(parse_time, "1e999 s"), Contains("out of range"));
  CHECK_THAT(parse_error(parse_bytes, "1e300 TiB"), Contains("out of range"));
}

TEST_CASE("core.units: formatting uses three significant digits and an SI prefix", "[units]") {
  CHECK(format_time(Time(1.25e-6)) == "1.25 us");
  CHECK(format_time(nanoseconds(12.5)) == "12.5 ns");
  CHECK(format_time(nanoseconds(999.7)) == "1.00 us");
  CHECK(format_time(picoseconds(0.5)) == "0.5 ps");
  CHECK(format_time(nanoseconds(9.996)) == "10.0 ns");
  CHECK(format_time(seconds(5000)) == "5000 s");
  CHECK(format_time(Time(0)) == "0 s");
  CHECK(format_time(Time(-2e-9)) == "-2.00 ns");
  CHECK(format_frequency(gigahertz(1.5)) == "1.50 GHz");
  CHECK(format_frequency(hertz(60)) == "60.0 Hz");
  CHECK(format_bytes(bytes(512)) == "512 B");
  CHECK(format_bytes(bytes(1.8 * 1024 * 1024)) == "1.80 MiB");
  CHECK(format_bytes(bytes(1023.9 * 1024)) == "1.00 MiB");
  CHECK(format_bandwidth(bytes_per_second(4.8e12)) == "4.80 TB/s");
  CHECK(format_bandwidth(bytes_per_second(12.8e9)) == "12.8 GB/s");
  CHECK(format_energy(picojoules(3.2)) == "3.20 pJ");
  CHECK(format_energy(joules(2.5e-5)) == "25.0 uJ");
  CHECK(format_power(watts(0.25)) == "250 mW");
  CHECK(format_power(watts(1500)) == "1.50 kW");
}

TEST_CASE("core.units: formatted values parse back", "[units]") {
  for (double ns : {0.001, 0.37, 1.0, 42.0, 999.0, 12345.0, 9.87e8}) {
    const Time t = nanoseconds(ns);
    CHECK(parse_time(format_time(t)).si == Approx(t.si).epsilon(0.005));
  }
  for (double b : {1.0, 1000.0, 4096.0, 3e6, 7.5e9, 2e12}) {
    CHECK(parse_bytes(format_bytes(bytes(b))).si == Approx(b).epsilon(0.005));
    CHECK(parse_bandwidth(format_bandwidth(bytes_per_second(b))).si == Approx(b).epsilon(0.005));
  }
}
