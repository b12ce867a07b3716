// The banked SRAM model: bandwidth at the peak for streams, bank conflicts for strides that
// land on one bank, ports, sharing between transfers, size scaling, and config errors.
#include <catch2/catch.hpp>
#include <string>

#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/stats.h"
#include "models/mem/sram/sram_config.h"
#include "models/mem/sram/sram_model.h"

namespace {

using axsim::mem::AccessPattern;
using axsim::mem::SramConfig;
using axsim::mem::SramModel;
using axsim::mem::Transfer;

// 8 banks x 8 B at 1 GHz: 64 B per cycle, 64 GB/s.
std::string sram_yaml(const std::string& capacity = "64 KiB", int ports = 1) {
  return "name: test-sram\n"
         "capacity: " +
         capacity +
         "\n"
         "banks: 8\n"
         "width: 8 B\n"
         "ports: " +
         std::to_string(ports) +
         "\n"
         "clock: 1 GHz\n"
         "reference_capacity: 8 KiB\n"
         "read_latency: 2 ns\n"
         "write_latency: 1 ns\n"
         "energy: {read: sram_read_byte, write: sram_write_byte}\n";
}

SramConfig config_from(const std::string& yaml) {
  const axsim::core::ConfigNode root = axsim::core::parse_config_text(yaml, "sram.yaml");
  const axsim::core::Section section(root);
  SramConfig config = axsim::mem::load_sram_config(section);
  section.finish();
  return config;
}

Transfer read_of(std::uint64_t bytes) {
  Transfer t;
  t.bytes = bytes;
  return t;
}

Transfer strided(std::uint64_t bytes, std::uint64_t chunk, std::uint64_t stride) {
  Transfer t = read_of(bytes);
  t.pattern = AccessPattern::strided;
  t.chunk_bytes = chunk;
  t.stride_bytes = stride;
  return t;
}

double stat(const axsim::core::StatGroup& group, const std::string& name) {
  const axsim::core::Stat* s = group.find(name);
  REQUIRE(s != nullptr);
  return s->value;
}

}  // namespace

TEST_CASE("sram: a sequential read streams at the peak bandwidth") {
  SramModel sram(config_from(sram_yaml()));
  CHECK(sram.peak_bandwidth().si == Approx(64e9));
  const auto timing = sram.transfer(read_of(64 * 1024));
  // 1024 cycles of 8 accesses each; the last lands after the 2-cycle read latency.
  CHECK(timing.first_data.si == Approx(2e-9));
  CHECK(timing.finish.si == Approx(1025e-9));
  CHECK(64.0 * 1024 / (timing.finish.si - 2e-9) == Approx(sram.peak_bandwidth().si).epsilon(0.01));
}

TEST_CASE("sram: a stride of banks x width puts every access on one bank") {
  SramModel conflicting(config_from(sram_yaml()));
  SramModel spread(config_from(sram_yaml()));
  // 8 B chunks every 64 B all decode to bank 0; every 72 B they walk through the banks.
  const auto slow = conflicting.transfer(strided(4096, 8, 64));
  const auto fast = spread.transfer(strided(4096, 8, 72));
  CHECK(slow.finish.si / fast.finish.si > 6.0);
  axsim::core::StatGroup slow_stats("slow"), fast_stats("fast");
  conflicting.report(slow_stats);
  spread.report(fast_stats);
  CHECK(stat(slow_stats, "bank_conflict_cycles") > 0);
  CHECK(stat(fast_stats, "bank_conflict_cycles") == 0);
}

TEST_CASE("sram: a second port per bank halves the time of a conflicting stride") {
  SramModel one_port(config_from(sram_yaml("64 KiB", 1)));
  SramModel two_ports(config_from(sram_yaml("64 KiB", 2)));
  const auto one = one_port.transfer(strided(8192, 8, 64));
  const auto two = two_ports.transfer(strided(8192, 8, 64));
  // 1024 accesses on one bank: 1024 cycles with one port, 512 with two, plus the latency.
  CHECK(one.finish.si == Approx(1025e-9));
  CHECK(two.finish.si == Approx(513e-9));
}

TEST_CASE("sram: transfers issued together share the banks") {
  SramModel sram(config_from(sram_yaml()));
  const auto first = sram.transfer(read_of(32 * 1024));
  Transfer second_transfer = read_of(32 * 1024);
  second_transfer.address = 32 * 1024;
  const auto second = sram.transfer(second_transfer);
  // Each fills every bank for 512 cycles; the second queues behind the first.
  CHECK(first.finish.si == Approx(513e-9));
  CHECK(second.finish.si == Approx(1025e-9));
  axsim::core::StatGroup stats("sram");
  sram.report(stats);
  CHECK(stat(stats, "busy_time") == Approx(second.finish.si));
  CHECK(stat(stats, "bytes_read") == 64 * 1024);
}

TEST_CASE("sram: a copy reads and writes through the same banks") {
  SramModel sram(config_from(sram_yaml()));
  Transfer copy = read_of(32 * 1024);
  copy.is_copy = true;
  copy.copy_to = 32 * 1024;
  const auto timing = sram.transfer(copy);
  // 4096 reads and 4096 writes, 8 per cycle: as long as reading 64 KiB. The last read (2-cycle
  // latency) goes in cycle 1023.
  CHECK(timing.finish.si == Approx(1025e-9));
  axsim::core::StatGroup stats("sram");
  sram.report(stats);
  CHECK(stat(stats, "bytes_read") == 32 * 1024);
  CHECK(stat(stats, "bytes_written") == 32 * 1024);
  CHECK(stat(stats, "write_accesses") == 4096);
}

TEST_CASE("sram: latency and energy per byte grow with the square root of the bank size") {
  // 64 KiB over 8 banks is the 8 KiB reference bank; 256 KiB makes each bank 4x larger.
  const SramConfig reference = config_from(sram_yaml("64 KiB"));
  const SramConfig larger = config_from(sram_yaml("256 KiB"));
  CHECK(reference.size_factor() == Approx(1.0));
  CHECK(larger.size_factor() == Approx(2.0));
  CHECK(reference.read_latency_cycles() == 2);
  CHECK(larger.read_latency_cycles() == 4);
  CHECK(larger.write_latency_cycles() == 2);

  const axsim::core::TechTable table = axsim::core::load_tech_table(
      std::string(AXSIM_SOURCE_DIR) + "/configs/tech/horowitz-45nm.yaml");
  SramModel small(reference);
  SramModel big(larger);
  small.transfer(read_of(4096));
  big.transfer(read_of(4096));
  axsim::core::EnergyLedger small_ledger(table), big_ledger(table);
  small.charge_energy(small_ledger, "sram", "all");
  big.charge_energy(big_ledger, "sram", "all");
  CHECK(small_ledger.total().si == Approx(4096 * table.at("sram_read_byte").energy.si));
  CHECK(big_ledger.total().si == Approx(2 * small_ledger.total().si));
}

TEST_CASE("sram: an access past the end names the address") {
  SramModel sram(config_from(sram_yaml()));
  Transfer t = read_of(64);
  t.address = 64 * 1024 - 32;
  CHECK_THROWS_WITH(sram.transfer(t), Catch::Contains("0x1001f") && Catch::Contains("65536 bytes"));
}

TEST_CASE("sram: a capacity that is not whole stripes of banks is refused at its key") {
  CHECK_THROWS_WITH(config_from(sram_yaml("1000 B")), Catch::Contains("sram.yaml:2:") &&
                                                          Catch::Contains("capacity") &&
                                                          Catch::Contains("8 banks x 8 B"));
}

TEST_CASE("sram: a width without a unit is refused at its key") {
  std::string yaml = sram_yaml();
  yaml.replace(yaml.find("width: 8 B"), 10, "width: 8");
  CHECK_THROWS_WITH(config_from(yaml), Catch::Contains("sram.yaml:4:") && Catch::Contains("width"));
}

TEST_CASE("sram: a misspelt key is refused with a suggestion") {
  std::string yaml = sram_yaml();
  yaml.replace(yaml.find("name:"), 5, "nmae:");
  CHECK_THROWS_WITH(config_from(yaml),
                    Catch::Contains("sram.yaml:1:") && Catch::Contains("did you mean 'name'"));
}

TEST_CASE("sram: the H100 shared-memory preset has 32 four-byte banks at the SM clock") {
  const SramConfig smem = axsim::mem::load_sram_file(std::string(AXSIM_SOURCE_DIR) +
                                                     "/configs/mem/sram-h100-smem.yaml");
  CHECK(smem.banks == 32);
  CHECK(smem.peak_bandwidth().si == Approx(32 * 4 * 1.83e9));
  CHECK(smem.size_factor() == Approx(1.0));
  SramModel sram(smem);
  // A warp reading a row of a 32 x 32 float tile touches every bank once: one cycle. A column
  // puts all 32 words on one bank: they leave it one per cycle.
  const auto row = sram.transfer(read_of(32 * 4));
  CHECK(row.finish.si == Approx(row.first_data.si));
  Transfer column_transfer = strided(32 * 4, 4, 32 * 4);
  column_transfer.start = row.finish;
  const auto column = sram.transfer(column_transfer);
  CHECK((column.finish.si - column.first_data.si) * 1.83e9 == Approx(31));
}
