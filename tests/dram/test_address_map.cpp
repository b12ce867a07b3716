// The address map: fields taken from the address bits in mapping order, the top field by
// division, the unit of every burst, and the per-unit counting and walking the fast model uses.
#include <catch2/catch.hpp>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/mem/dram/address_map.h"
#include "models/mem/dram/fast_runs.h"
#include "tests/dram/test_dram_fixtures.h"

using namespace axsim::mem;
using Catch::Matchers::Contains;

TEST_CASE("address map: consecutive bursts walk the mapping from its first field up") {
  const AddressMap map(test::hbm3_rows_first());  // column, bank_group, pseudo_channel, ...
  CHECK(map.decode(0).column == 0);
  CHECK(map.decode(31).column == 0);  // the burst offset
  CHECK(map.decode(32).column == 1);
  const DramAddress next_group = map.decode(32 * 32);  // past the 32 columns of a row
  CHECK(next_group.column == 0);
  CHECK(next_group.bank_group == 1);
  const DramAddress next_pc = map.decode(32 * 32 * 4);
  CHECK(next_pc.bank_group == 0);
  CHECK(next_pc.pseudo_channel == 1);
  CHECK(map.unit(next_pc) == 1);
  CHECK(map.decode(32 * 32 * 4 * 2).channel == 1);
  CHECK(map.unit(map.decode(32 * 32 * 4 * 2)) == 2);
  CHECK(map.decode(32 * 32 * 4 * 2 * 16).bank == 1);
  CHECK(map.decode(32 * 32 * 4 * 2 * 16 * 4).row == 1);
  CHECK(map.capacity_bytes() == 8ull << 30);
}

TEST_CASE("address map: encode inverts decode") {
  const AddressMap map(test::preset("lpddr5.yaml"));
  std::uint64_t state = 7;
  for (int i = 0; i < 1000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::uint64_t address = (state >> 11) % map.capacity_bytes() / 32 * 32;
    CHECK(map.encode(map.decode(address)) == address);
  }
}

TEST_CASE("address map: an address past the end is out of range and named") {
  const AddressMap map(test::small_hbm());
  CHECK_NOTHROW(map.decode(map.capacity_bytes() - 1));
  CHECK_THROWS_AS(map.decode(map.capacity_bytes()), std::out_of_range);
  CHECK_THROWS_WITH(map.decode(0x123456789ull), Contains("0x123456789"));
}

TEST_CASE("address map: five stacks on top are reached by division") {
  DramSpec spec = test::small_hbm();
  spec.organization.stacks = 5;
  const AddressMap map(spec);
  CHECK(map.capacity_bytes() == 5 * test::small_hbm().capacity_bytes());
  CHECK(map.decode(map.capacity_bytes() - 1).stack == 4);
  CHECK(map.unit(map.decode(map.capacity_bytes() - 1)) == map.units() - 1);
  CHECK(map.decode(map.capacity_bytes() / 5).stack == 1);
}

TEST_CASE("address map: per-unit burst counts agree with decoding every burst") {
  DramSpec spec = test::small_hbm();
  spec.organization.stacks = 3;
  const AddressMap map(spec);
  const std::uint64_t total = map.capacity_bytes() / 32;
  for (const auto& [first, count] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
           {0, 1}, {0, 4096}, {5, 1000}, {777, 12345}, {total - 3000, 3000}}) {
    std::vector<std::uint64_t> brute(static_cast<std::size_t>(map.units()), 0);
    for (std::uint64_t b = first; b < first + count; ++b) ++brute[static_cast<std::size_t>(map.unit(map.decode(b * 32)))];
    for (int u = 0; u < map.units(); ++u) {
      INFO("first " << first << " count " << count << " unit " << u);
      CHECK(unit_bursts_in_range(map, u, first, count) == brute[static_cast<std::size_t>(u)]);
    }
  }
}

TEST_CASE("address map: a unit's walker yields exactly its bursts in address order") {
  DramSpec spec = test::small_hbm();
  spec.mapping = {AddressField::column, AddressField::channel, AddressField::bank_group,
                  AddressField::pseudo_channel, AddressField::row, AddressField::bank,
                  AddressField::stack};
  const AddressMap map(spec);
  for (const auto& [first, count] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
           {0, 300}, {33, 5000}, {4100, 7}}) {
    for (int u = 0; u < map.units(); ++u) {
      std::vector<std::uint64_t> expected;
      for (std::uint64_t b = first; b < first + count; ++b) {
        if (map.unit(map.decode(b * 32)) == u) expected.push_back(b * 32);
      }
      std::vector<std::uint64_t> walked;
      UnitBurstWalker walker(map, u, first, count);
      DramAddress where;
      while (walker.next(where)) walked.push_back(map.encode(where));
      INFO("first " << first << " count " << count << " unit " << u);
      CHECK(walked == expected);
    }
  }
}
