// The address map: fields as mixed-radix digits of the burst index in mapping order, the bank
// hash, the unit of every burst, and the per-unit counting and walking the fast model uses.
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

namespace {

// Stacks at low address bits and rows in the middle, neither a power of two: 49,152 rows is
// the 24 GB HBM3E cube. Small otherwise, so every burst of it can be visited.
DramSpec odd_counts(int stacks, BankHash hash) {
  DramSpec spec = test::small_hbm();
  spec.organization.stacks = stacks;
  spec.organization.channels = 1;
  spec.organization.pseudo_channels = 1;
  spec.organization.banks_per_group = 2;
  spec.organization.rows = 49152;
  spec.organization.columns = 2;
  spec.bank_hash = hash;
  spec.mapping = {AddressField::bank_group, AddressField::stack, AddressField::column,
                  AddressField::bank, AddressField::row, AddressField::pseudo_channel,
                  AddressField::channel};
  return spec;
}

// decode then encode gives back every burst of the device, with every field in its range:
// decoding is one-to-one on a space exactly as large as the device, hence a bijection.
void check_round_trip_everywhere(const DramSpec& spec) {
  const AddressMap map(spec);
  const DramOrganization& o = spec.organization;
  REQUIRE(map.capacity_bytes() == std::uint64_t{32} * o.stacks * 4 * 2 * 49152 * 2);
  std::uint64_t mismatches = 0;
  std::uint64_t out_of_range = 0;
  for (std::uint64_t address = 0; address < map.capacity_bytes(); address += 32) {
    const DramAddress where = map.decode(address);
    if (where.stack >= o.stacks || where.bank_group >= o.bank_groups ||
        where.bank >= o.banks_per_group || where.row >= o.rows || where.column >= o.columns) {
      ++out_of_range;
    }
    if (map.encode(where) != address) ++mismatches;
  }
  CHECK(out_of_range == 0);
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("address map: five stacks at low bits round-trip over the whole device") {
  check_round_trip_everywhere(odd_counts(5, BankHash::none));
}

TEST_CASE("address map: six stacks with the bank hash round-trip over the whole device") {
  check_round_trip_everywhere(odd_counts(6, BankHash::xor_row));
}

TEST_CASE("address map: stacks below the row spread a short sequential stream over all of them") {
  const AddressMap map(odd_counts(5, BankHash::none));
  // Bank group, then stack: bursts 4 to 23 visit stacks 1, 2, 3, 4, 0, ...
  std::vector<int> seen(5, 0);
  for (std::uint64_t burst = 0; burst < 20; ++burst) ++seen[static_cast<std::size_t>(map.decode(burst * 32).stack)];
  CHECK(seen == std::vector<int>{4, 4, 4, 4, 4});
  CHECK(map.decode(4 * 32).stack == 1);
  CHECK(map.decode(4 * 5 * 32).column == 1);
}

TEST_CASE("address map: with the bank hash, rows far apart in one bank land on different banks") {
  DramSpec spec = test::hbm3_rows_first();
  spec.bank_hash = BankHash::xor_row;
  const AddressMap hashed(spec);
  const AddressMap plain(test::hbm3_rows_first());
  // The two halves of the device, as a copy's source and destination: the same bank without
  // the hash, a different one with it.
  const std::uint64_t half = plain.capacity_bytes() / 2;
  const DramAddress a = plain.decode(4096);
  const DramAddress b = plain.decode(4096 + half);
  CHECK((a.bank_group == b.bank_group && a.bank == b.bank));
  const DramAddress ha = hashed.decode(4096);
  const DramAddress hb = hashed.decode(4096 + half);
  CHECK_FALSE((ha.bank_group == hb.bank_group && ha.bank == hb.bank));
  // Consecutive rows of one mapped bank rotate over the bank groups.
  const std::uint64_t row_stride = hashed.stride_bursts(AddressField::row) * 32;
  CHECK(hashed.decode(0).bank_group != hashed.decode(row_stride).bank_group);
  // The hash leaves row, column and unit alone, and encode still inverts decode.
  CHECK(hb.row == b.row);
  CHECK(hb.column == b.column);
  CHECK(hashed.unit(hb) == plain.unit(b));
  std::uint64_t state = 11;
  for (int i = 0; i < 1000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::uint64_t address = (state >> 11) % hashed.capacity_bytes() / 32 * 32;
    CHECK(hashed.encode(hashed.decode(address)) == address);
  }
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

namespace {

void check_walker(const DramSpec& spec) {
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

}  // namespace

TEST_CASE("address map: a unit's walker yields exactly its bursts in address order") {
  DramSpec spec = test::small_hbm();
  spec.mapping = {AddressField::column, AddressField::channel, AddressField::bank_group,
                  AddressField::pseudo_channel, AddressField::row, AddressField::bank,
                  AddressField::stack};
  check_walker(spec);
}

TEST_CASE("address map: the walker follows stacks at low bits and the bank hash") {
  check_walker(odd_counts(6, BankHash::xor_row));
}
