// Operand-width scaling of the PE MAC rate and its effect on GEMM timing.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "models/compute/systolic_array.h"

using namespace axsim::compute;

namespace {

ArrayConfig os_array(int macs_8bit) {
  ArrayConfig config;
  config.shape = {4, 4};
  config.macs_per_pe_per_cycle_8bit = macs_8bit;
  return config;
}

}  // namespace

TEST_CASE("MAC rate: 4-bit 2x, 8-bit 1x, 16-bit 1/2, 32-bit 1/4 of the 8-bit rate", "[compute]") {
  const ArrayConfig one = os_array(1);
  CHECK(macs_per_pe_per_cycle(one, 4) == 2.0);
  CHECK(macs_per_pe_per_cycle(one, 2) == 2.0);
  CHECK(macs_per_pe_per_cycle(one, 8) == 1.0);
  CHECK(macs_per_pe_per_cycle(one, 16) == 0.5);
  CHECK(macs_per_pe_per_cycle(one, 32) == 0.25);
  CHECK(macs_per_pe_per_cycle(os_array(2), 16) == 1.0);
  CHECK_THROWS_AS(macs_per_pe_per_cycle(one, 0), std::invalid_argument);
  CHECK_THROWS_AS(macs_per_pe_per_cycle(one, 33), std::invalid_argument);
  CHECK_THROWS_AS(macs_per_pe_per_cycle(os_array(0), 8), std::invalid_argument);
}

TEST_CASE("packed 4-bit operands halve the stream - the pipeline still steps once a cycle",
          "[compute]") {
  const GemmTiming t = time_gemm(os_array(1), {4, 8, 4}, 4);
  CHECK(t.compute_cycles == 4);
  CHECK(t.fill_drain_cycles == 10);
  CHECK(t.cycles == 14);
}

TEST_CASE("16-bit and 32-bit operands slow every stage by 2x and 4x", "[compute]") {
  const GemmTiming t16 = time_gemm(os_array(1), {4, 8, 4}, 16);
  CHECK(t16.compute_cycles == 16);
  CHECK(t16.fill_drain_cycles == 20);
  const GemmTiming t32 = time_gemm(os_array(1), {4, 8, 4}, 32);
  CHECK(t32.compute_cycles == 32);
  CHECK(t32.fill_drain_cycles == 40);
  CHECK(t32.utilization == Approx(128.0 / (72 * 16 * 0.25)));
}

TEST_CASE("an odd stream at 4-bit rounds up to whole cycles", "[compute]") {
  CHECK(time_gemm(os_array(1), {4, 7, 4}, 4).compute_cycles == 4);
}
