// The controller jumps over cycles in which nothing can happen. These tests hold it to the
// plain reading of the contract: evaluating every cycle in turn must give the same commands
// at the same cycles, the same completions and the same counters, on many seeded streams
// under every page and refresh policy; and driving it in small steps (as a system model
// does) must give what one replay gives.
#include <catch2/catch.hpp>
#include <random>

#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/channel_sim.h"
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

std::vector<Device> devices() {
  return {{"HBM3", hbm3_org(), hbm3_timing()}, {"LPDDR5", lpddr5_org(), lpddr5_timing()}};
}

struct Outcome {
  std::vector<Command> commands;
  std::vector<Completion> completions;
  ChannelCounters counters;
  Cycle end = 0;
};

Outcome simulate(const Device& device, const ControllerConfig& config, Stepping stepping,
                 const std::vector<ChannelRequest>& requests) {
  ChannelController controller(device.org, device.timing, config, stepping);
  controller.record_commands(true);
  for (const ChannelRequest& r : requests) controller.push(r);
  Outcome outcome;
  outcome.end = controller.drain();
  outcome.commands = controller.commands();
  outcome.completions = controller.take_completions();
  outcome.counters = controller.counters();
  return outcome;
}

void check_same_counters(const ChannelCounters& a, const ChannelCounters& b) {
  CHECK(a.reads == b.reads);
  CHECK(a.writes == b.writes);
  CHECK(a.activates == b.activates);
  CHECK(a.precharges == b.precharges);
  CHECK(a.refreshes == b.refreshes);
  CHECK(a.row_hits == b.row_hits);
  CHECK(a.row_misses == b.row_misses);
  CHECK(a.row_conflicts == b.row_conflicts);
  CHECK(a.data_bus_busy == b.data_bus_busy);
  CHECK(a.refresh_blocked == b.refresh_blocked);
  CHECK(a.conflict_blocked == b.conflict_blocked);
  CHECK(a.queue_occupancy_sum == b.queue_occupancy_sum);
  CHECK(a.cycles == b.cycles);
}

// Index of the first command where the two logs part, or the shorter length.
std::size_t first_difference(const std::vector<Command>& a, const std::vector<Command>& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

std::vector<StreamSpec> stream_mix(std::uint64_t seed) {
  std::vector<StreamSpec> specs;
  StreamSpec random_reads;
  random_reads.pattern = Pattern::random;
  random_reads.count = 400;
  random_reads.seed = seed;
  specs.push_back(random_reads);

  StreamSpec mixed = random_reads;
  mixed.write_fraction = 0.4;
  mixed.mean_gap = 1;
  specs.push_back(mixed);

  StreamSpec sequential = mixed;
  sequential.pattern = Pattern::sequential;
  sequential.write_fraction = 0.25;
  sequential.mean_gap = 0;
  specs.push_back(sequential);

  StreamSpec strided = mixed;
  strided.pattern = Pattern::strided;
  strided.mean_gap = 3;
  strided.pause_every = 50;
  specs.push_back(strided);
  return specs;
}

std::vector<ControllerConfig> queue_configs(PagePolicy page, RefreshMode refresh) {
  ControllerConfig deep = controller_config(page, refresh);
  ControllerConfig shallow = deep;
  shallow.read_queue = 4;
  shallow.write_queue = 6;
  shallow.write_high = 4;
  shallow.write_low = 1;
  return {deep, shallow};
}

void check_skipping_matches_every_cycle(RefreshMode refresh) {
  int runs = 0;
  for (const Device& device : devices()) {
    for (PagePolicy page : kPagePolicies) {
      for (const ControllerConfig& config : queue_configs(page, refresh)) {
        for (std::uint64_t seed = 1; seed <= 8; ++seed) {
          for (const StreamSpec& spec : stream_mix(seed)) {
            const std::vector<ChannelRequest> requests = make_stream(device.org, spec);
            const Outcome skip = simulate(device, config, Stepping::skip_idle, requests);
            const Outcome every = simulate(device, config, Stepping::every_cycle, requests);
            INFO(device.name << " page " << (page == PagePolicy::open ? "open" : "closed")
                             << " read queue " << config.read_queue << " pattern "
                             << static_cast<int>(spec.pattern) << " seed " << seed);
            const std::size_t differ = first_difference(skip.commands, every.commands);
            INFO("first difference at command "
                 << differ << ": skipping "
                 << (differ < skip.commands.size() ? to_string(skip.commands[differ]) : "(end)")
                 << ", every cycle "
                 << (differ < every.commands.size() ? to_string(every.commands[differ]) : "(end)"));
            REQUIRE(skip.commands.size() == every.commands.size());
            REQUIRE(differ == skip.commands.size());
            REQUIRE(skip.completions.size() == requests.size());
            CHECK(skip.end == every.end);
            for (std::size_t i = 0; i < skip.completions.size(); ++i) {
              CHECK(skip.completions[i].request_id == every.completions[i].request_id);
              CHECK(skip.completions[i].cycle == every.completions[i].cycle);
            }
            check_same_counters(skip.counters, every.counters);
            ++runs;
          }
        }
      }
    }
  }
  CHECK(runs == 2 * 2 * 2 * 8 * 4);
}

}  // namespace

TEST_CASE("skipping idle cycles matches stepping every cycle without refresh", "[dram][stepping]") {
  check_skipping_matches_every_cycle(RefreshMode::none);
}

TEST_CASE("skipping idle cycles matches stepping every cycle with per-bank refresh",
          "[dram][stepping]") {
  check_skipping_matches_every_cycle(RefreshMode::per_bank);
}

TEST_CASE("skipping idle cycles matches stepping every cycle with all-bank refresh",
          "[dram][stepping]") {
  check_skipping_matches_every_cycle(RefreshMode::all_bank);
}

TEST_CASE("advancing in small steps while pushing gives the same log as one replay",
          "[dram][stepping]") {
  const ChannelOrg org = hbm3_org();
  const DramTiming timing = hbm3_timing();
  for (RefreshMode refresh : kRefreshModes) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      StreamSpec spec;
      spec.count = 600;
      spec.write_fraction = 0.3;
      spec.seed = seed;
      const std::vector<ChannelRequest> requests = make_stream(org, spec);
      const ControllerConfig config = controller_config(PagePolicy::open, refresh);
      const ChannelReplay whole = replay_channel(org, timing, config, requests);

      // Push each request only once time has reached its arrival, advancing by random
      // amounts in between, and collect completions as they come.
      ChannelController controller(org, timing, config);
      controller.record_commands(true);
      std::mt19937_64 rng(seed);
      std::vector<Completion> completions;
      for (const ChannelRequest& r : requests) {
        while (controller.now() < r.arrival) {
          controller.advance_to(std::min(r.arrival, controller.now() + 1 + rng() % 40));
          for (const Completion& c : controller.take_completions()) completions.push_back(c);
        }
        controller.push(r);
      }
      controller.drain();
      for (const Completion& c : controller.take_completions()) completions.push_back(c);

      INFO("refresh mode " << static_cast<int>(refresh) << " seed " << seed);
      CHECK(controller.commands() == whole.commands);
      CHECK(completions.size() == whole.completions.size());
    }
  }
}
