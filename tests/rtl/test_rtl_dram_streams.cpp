// The seeded request streams of the DRAM cross-check: reproducible, inside the organisation,
// and shaped as their names say.
#include <catch2/catch.hpp>

#include "hw/dram/dram_devices.h"
#include "hw/dram/dram_streams.h"

using namespace axsim;
using hw::AccessPattern;

namespace {

bool same(const mem::ChannelRequest& a, const mem::ChannelRequest& b) {
  return a.id == b.id && a.arrival == b.arrival && a.is_write == b.is_write &&
         a.bank_group == b.bank_group && a.bank == b.bank && a.row == b.row && a.column == b.column;
}

}  // namespace

TEST_CASE("DRAM streams are a pure function of their spec", "[rtl][dram]") {
  const mem::ChannelOrg org = hw::hbm3_like_device().org;
  const hw::StreamSpec spec{AccessPattern::random, 50, 300, 4, 99};
  const std::vector<mem::ChannelRequest> a = hw::make_request_stream(org, spec);
  const std::vector<mem::ChannelRequest> b = hw::make_request_stream(org, spec);
  REQUIRE(a.size() == 300);
  REQUIRE(b.size() == 300);
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(same(a[i], b[i]));
  hw::StreamSpec other = spec;
  other.seed = 100;
  const std::vector<mem::ChannelRequest> c = hw::make_request_stream(org, other);
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) differs |= !same(a[i], c[i]);
  CHECK(differs);
}

TEST_CASE("DRAM streams stay inside the organisation in arrival order", "[rtl][dram]") {
  for (const hw::DramCheckDevice& device : hw::dram_check_devices()) {
    for (const AccessPattern pattern :
         {AccessPattern::sequential, AccessPattern::strided, AccessPattern::random}) {
      INFO(device.name << " " << hw::pattern_name(pattern));
      const std::vector<mem::ChannelRequest> stream =
          hw::make_request_stream(device.org, {pattern, 30, 1000, 3, 5});
      for (std::size_t i = 0; i < stream.size(); ++i) {
        const mem::ChannelRequest& r = stream[i];
        CHECK(r.id == i);
        if (i > 0) CHECK(r.arrival >= stream[i - 1].arrival);
        CHECK(r.bank_group >= 0);
        CHECK(r.bank_group < device.org.bank_groups);
        CHECK(r.bank >= 0);
        CHECK(r.bank < device.org.banks_per_group);
        CHECK(r.row < device.org.rows);
        CHECK(r.column < device.org.columns);
      }
    }
  }
}

TEST_CASE("DRAM stream shapes: sequential fills rows, strided changes bank every step",
          "[rtl][dram]") {
  const mem::ChannelOrg org = hw::hbm3_like_device().org;
  const std::vector<mem::ChannelRequest> sequential =
      hw::make_request_stream(org, {AccessPattern::sequential, 0, 64, 0, 3});
  // The first request may start anywhere in a row stripe; after it the columns count up.
  for (std::size_t i = 1; i < sequential.size(); ++i) {
    const mem::ChannelRequest& a = sequential[i - 1];
    const mem::ChannelRequest& b = sequential[i];
    if (b.column != 0) {
      CHECK(b.column == a.column + 1);
      CHECK(b.bank_group == a.bank_group);
      CHECK(b.bank == a.bank);
      CHECK(b.row == a.row);
    }
  }
  const std::vector<mem::ChannelRequest> strided =
      hw::make_request_stream(org, {AccessPattern::strided, 0, 64, 0, 3});
  for (std::size_t i = 1; i < strided.size(); ++i) {
    CHECK(strided[i].bank_group != strided[i - 1].bank_group);
  }
}

TEST_CASE("DRAM streams mix writes and pace arrivals as asked", "[rtl][dram]") {
  const mem::ChannelOrg org = hw::lpddr5_like_device().org;
  for (const int percent : {0, 30, 50, 100}) {
    const std::vector<mem::ChannelRequest> stream =
        hw::make_request_stream(org, {AccessPattern::random, percent, 4000, 5, 11});
    int writes = 0;
    for (const mem::ChannelRequest& r : stream) writes += r.is_write ? 1 : 0;
    INFO(percent << "% asked, " << writes << " of 4000 writes");
    CHECK(writes >= 40 * percent - 200);
    CHECK(writes <= 40 * percent + 200);
    // Gaps uniform in 0..10: the mean is 5 cycles.
    CHECK(stream.back().arrival >= 4000 * 5 - 1000);
    CHECK(stream.back().arrival <= 4000 * 5 + 1000);
  }
  const std::vector<mem::ChannelRequest> burst =
      hw::make_request_stream(org, {AccessPattern::random, 50, 100, 0, 11});
  CHECK(burst.back().arrival == 0);
}
