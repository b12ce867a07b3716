// The controller's command logs pass the independent timing checker on many seeded streams:
// sequential, strided and random, reads only and mixed with writes, arriving slowly or all at
// once, with HBM3 and LPDDR5-like timings, both page policies and every refresh mode.
#include <catch2/catch.hpp>

#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/channel_sim.h"
#include "models/mem/dram/timing_checker.h"
#include "tests/dram/channel_test_streams.h"
#include "tests/dram/channel_test_util.h"
#include "models/mem/dram/hbm3_reference.h"
#include "models/mem/dram/lpddr5_reference.h"

using namespace axsim::mem;
using namespace axsim::mem::test;

namespace {

struct Device {
  const char* name;
  ChannelOrg org;
  DramTiming timing;
};

// Replays `spec` (seeds 1..4) on both devices under every page and refresh policy and
// requires every log to be legal; returns how many commands were checked.
std::size_t check_all_policies(StreamSpec spec) {
  const Device devices[] = {{"HBM3", hbm3_org(), hbm3_timing()},
                            {"LPDDR5", lpddr5_org(), lpddr5_timing()}};
  std::size_t checked = 0;
  for (const Device& device : devices) {
    for (PagePolicy page : kPagePolicies) {
      for (RefreshMode refresh : kRefreshModes) {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
          spec.seed = seed;
          const std::vector<ChannelRequest> requests = make_stream(device.org, spec);
          const ChannelReplay replay =
              replay_channel(device.org, device.timing, controller_config(page, refresh), requests);
          const auto violation =
              check_command_log(device.org, device.timing, refresh, replay.commands);
          INFO(device.name << " page " << (page == PagePolicy::open ? "open" : "closed")
                           << " refresh " << static_cast<int>(refresh) << " seed " << seed);
          INFO((violation ? violation->message : std::string("no violation")));
          CHECK_FALSE(violation.has_value());
          CHECK(replay.completions.size() == requests.size());
          checked += replay.commands.size();
        }
      }
    }
  }
  return checked;
}

}  // namespace

TEST_CASE("controller logs of sequential streams pass the timing checker", "[dram][checker]") {
  StreamSpec spec;
  spec.pattern = Pattern::sequential;
  spec.count = 1500;
  spec.mean_gap = 0;
  CHECK(check_all_policies(spec) > 0);
  spec.write_fraction = 0.5;
  spec.mean_gap = 1;
  CHECK(check_all_policies(spec) > 0);
}

TEST_CASE("controller logs of strided streams pass the timing checker", "[dram][checker]") {
  StreamSpec spec;
  spec.pattern = Pattern::strided;
  spec.count = 1500;
  spec.mean_gap = 1;
  spec.write_fraction = 0.2;
  CHECK(check_all_policies(spec) > 0);
  spec.stride_bursts = 4096;
  spec.chunk_bursts = 2;
  CHECK(check_all_policies(spec) > 0);
}

TEST_CASE("controller logs of random reads pass the timing checker", "[dram][checker]") {
  StreamSpec spec;
  spec.pattern = Pattern::random;
  spec.count = 1500;
  spec.mean_gap = 0;
  spec.pause_every = 0;
  CHECK(check_all_policies(spec) > 0);
  spec.rows_used = 16384;
  spec.mean_gap = 6;
  spec.pause_every = 100;
  CHECK(check_all_policies(spec) > 0);
}

TEST_CASE("controller logs of random read-write mixes pass the timing checker", "[dram][checker]") {
  StreamSpec spec;
  spec.pattern = Pattern::random;
  spec.count = 1500;
  for (double writes : {0.1, 0.5, 0.9}) {
    spec.write_fraction = writes;
    spec.mean_gap = writes > 0.5 ? 0 : 2;
    CHECK(check_all_policies(spec) > 0);
  }
}

TEST_CASE("an idle channel keeps up its refreshes for many tREFI", "[dram][checker]") {
  const ChannelOrg org = hbm3_org();
  const DramTiming timing = hbm3_timing();
  for (RefreshMode refresh : {RefreshMode::per_bank, RefreshMode::all_bank}) {
    ChannelController controller(org, timing, controller_config(PagePolicy::open, refresh));
    controller.record_commands(true);
    controller.push(read(1, 5, 0, 0, 1));
    controller.push(read(2, 30 * static_cast<Cycle>(timing.tREFI), 3, 3, 1));
    controller.advance_to(40 * static_cast<Cycle>(timing.tREFI));
    const auto violation = check_command_log(org, timing, refresh, controller.commands());
    INFO((violation ? violation->message : std::string("no violation")));
    CHECK_FALSE(violation.has_value());
    CHECK(controller.counters().refreshes >= 39);
  }
}

TEST_CASE("the refresh interval bound is tREFI plus the time to close the banks and refresh",
          "[dram][checker]") {
  // HBM3: tREFI 6240 + max(tRC 72, max(tRAS 45, tRTP 9, CWL + tBL + tWR 43) + tRP 26 +
  // 16 banks = 87, tRREFD 8).
  CHECK(refresh_interval_bound(hbm3_org(), hbm3_timing()) == 6240 + 87);
}
