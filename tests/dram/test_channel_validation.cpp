// Bad channel descriptions and bad requests are refused with a message naming what is wrong,
// before anything is simulated.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "models/mem/dram/channel_controller.h"
#include "tests/dram/channel_test_util.h"
#include "models/mem/dram/hbm3_reference.h"

using namespace axsim::mem;
using namespace axsim::mem::test;
using Catch::Matchers::Contains;

namespace {

void construct(const ChannelOrg& org, const DramTiming& timing, const ControllerConfig& config) {
  ChannelController controller(org, timing, config);
}

}  // namespace

TEST_CASE("a bad organisation is refused naming the parameter", "[dram][validation]") {
  ChannelOrg org = hbm3_org();
  org.banks_per_group = 0;
  CHECK_THROWS_WITH(construct(org, hbm3_timing(), ControllerConfig{}), Contains("banks_per_group"));
  org = hbm3_org();
  org.bank_groups = 16;
  org.banks_per_group = 8;
  CHECK_THROWS_WITH(construct(org, hbm3_timing(), ControllerConfig{}), Contains("at most 64"));
  org = hbm3_org();
  org.columns = 0;
  CHECK_THROWS_AS(construct(org, hbm3_timing(), ControllerConfig{}), std::invalid_argument);
}

TEST_CASE("negative timings and a zero burst are refused", "[dram][validation]") {
  DramTiming timing = hbm3_timing();
  timing.tRCDRD = -1;
  CHECK_THROWS_WITH(construct(hbm3_org(), timing, ControllerConfig{}), Contains("tRCDRD"));
  timing = hbm3_timing();
  timing.tBL = 0;
  CHECK_THROWS_WITH(construct(hbm3_org(), timing, ControllerConfig{}), Contains("tBL"));
}

TEST_CASE("a gap within a bank group shorter than between groups is refused",
          "[dram][validation]") {
  DramTiming timing = hbm3_timing();
  timing.tCCD_L = timing.tCCD_S - 1;
  CHECK_THROWS_WITH(construct(hbm3_org(), timing, ControllerConfig{}),
                    Contains("tCCD_L (1 cycles) must be at least tCCD_S (2 cycles)"));
  timing = hbm3_timing();
  timing.tRRD_L = timing.tRRD_S - 1;
  CHECK_THROWS_WITH(construct(hbm3_org(), timing, ControllerConfig{}), Contains("tRRD_L"));
  timing = hbm3_timing();
  timing.tWTR_L = timing.tWTR_S - 1;
  CHECK_THROWS_WITH(construct(hbm3_org(), timing, ControllerConfig{}), Contains("tWTR_L"));
  timing = hbm3_timing();
  timing.tWTR_L = timing.tWTR_S;  // equal is allowed
  CHECK_NOTHROW(construct(hbm3_org(), timing, ControllerConfig{}));
}

TEST_CASE("watermarks out of order are refused", "[dram][validation]") {
  ControllerConfig config;
  config.write_low = 24;
  config.write_high = 8;
  CHECK_THROWS_WITH(construct(hbm3_org(), hbm3_timing(), config), Contains("write_low"));
  config = ControllerConfig{};
  config.write_high = 40;
  CHECK_THROWS_WITH(construct(hbm3_org(), hbm3_timing(), config), Contains("write_queue"));
  config = ControllerConfig{};
  config.read_queue = 0;
  CHECK_THROWS_WITH(construct(hbm3_org(), hbm3_timing(), config), Contains("read_queue"));
}

TEST_CASE("a refresh schedule that cannot keep up is refused", "[dram][validation]") {
  DramTiming timing = hbm3_timing();
  timing.tRFC = timing.tREFI;
  CHECK_THROWS_WITH(
      construct(hbm3_org(), timing, controller_config(PagePolicy::open, RefreshMode::all_bank)),
      Contains("tRFC"));
  timing = hbm3_timing();
  timing.tREFI = 10;
  CHECK_THROWS_WITH(
      construct(hbm3_org(), timing, controller_config(PagePolicy::open, RefreshMode::per_bank)),
      Contains("tREFI"));
  // The same timing is fine when refresh is off.
  CHECK_NOTHROW(
      construct(hbm3_org(), timing, controller_config(PagePolicy::open, RefreshMode::none)));
}

TEST_CASE("requests outside the channel or out of order are refused", "[dram][validation]") {
  ChannelController controller(hbm3_org(), hbm3_timing(), ControllerConfig{});
  CHECK_THROWS_WITH(controller.push(read(1, 0, 4, 0, 0)), Contains("bank group 4"));
  CHECK_THROWS_WITH(controller.push(read(2, 0, 0, 0, 16384)), Contains("row 16384"));
  CHECK_THROWS_WITH(controller.push(read(3, 0, 0, 0, 0, 32)), Contains("column 32"));
  controller.push(read(4, 50, 0, 0, 0));
  CHECK_THROWS_WITH(controller.push(read(5, 40, 0, 0, 0)), Contains("must not decrease"));
  controller.advance_to(100);
  CHECK_THROWS_WITH(controller.push(read(6, 60, 0, 0, 0)), Contains("current cycle 100"));
  CHECK_NOTHROW(controller.push(read(7, 100, 0, 0, 0)));
}
