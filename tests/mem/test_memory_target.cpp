// The TLM-2.0 memory target: timing-only reads answered at the model's completion time, the
// access pattern carried in the extension, address errors that name the address and the
// initiator, and two initiators contending for a detailed-mode DRAM.
#include <catch2/catch.hpp>
#include <string>

#include "models/core/config.h"
#include "models/core/stats.h"
#include "models/mem/dram/dram_config.h"
#include "models/mem/dram/dram_system.h"
#include "models/mem/sram/sram_config.h"
#include "models/mem/sram/sram_model.h"
#include "models/mem/tlm/memory_target.h"
#include "tests/mem/tlm_fixtures.h"

namespace {

using axsim::mem::MemoryTarget;
using axsim::test::Reader;
using sc_core::SC_NS;
using sc_core::sc_time;

constexpr std::uint64_t kBase = 0x10000000;

// 64 KiB, 8 banks x 8 B at 1 GHz (64 GB/s), 2-cycle reads.
axsim::mem::SramModel small_sram() {
  const axsim::core::ConfigNode root = axsim::core::parse_config_text(
      "capacity: 64 KiB\nbanks: 8\nwidth: 8 B\nports: 1\nclock: 1 GHz\n"
      "reference_capacity: 8 KiB\nread_latency: 2 ns\nwrite_latency: 2 ns\n"
      "energy: {read: sram_read_byte, write: sram_write_byte}\n",
      "sram.yaml");
  return axsim::mem::SramModel(axsim::mem::load_sram_config(axsim::core::Section(root)));
}

}  // namespace

TEST_CASE("memory target: a read completes when the model says its last byte arrives") {
  axsim::mem::SramModel sram = small_sram();
  axsim::core::StatGroup stats("memory");
  MemoryTarget target("memory", sram, kBase, stats);
  // Issued 10 ns ahead of simulated time (temporal decoupling): the model sees it at 10 ns.
  Reader reader("reader", kBase, 64 * 1024, sc_time(10, SC_NS));
  reader.socket.bind(target.socket);
  sc_core::sc_start();
  CHECK(reader.status == tlm::TLM_OK_RESPONSE);
  // 1024 cycles of 8 parallel bank accesses from cycle 10, then the 2-cycle read latency.
  CHECK(reader.done == sc_time(1035, SC_NS));
  CHECK(stats.find("bytes_read")->value == 64 * 1024);
  CHECK(target.errors().empty());
}

TEST_CASE("memory target: the access pattern travels in the extension") {
  axsim::mem::SramModel sram = small_sram();
  axsim::core::StatGroup stats("memory");
  MemoryTarget target("memory", sram, kBase, stats);
  // 512 chunks of 8 B, 64 B apart: every one on bank 0, one per cycle.
  Reader reader("reader", kBase, 4096);
  reader.extension.emplace();
  reader.extension->pattern = axsim::mem::AccessPattern::strided;
  reader.extension->chunk_bytes = 8;
  reader.extension->stride_bytes = 64;
  reader.socket.bind(target.socket);
  sc_core::sc_start();
  CHECK(reader.status == tlm::TLM_OK_RESPONSE);
  CHECK(reader.done == sc_time(513, SC_NS));
}

TEST_CASE(
    "memory target: a read past the end is an address error naming the address and the initiator") {
  axsim::mem::SramModel sram = small_sram();
  axsim::core::StatGroup stats("memory");
  MemoryTarget target("memory", sram, kBase, stats);
  Reader reader("cpu", kBase + 64 * 1024 - 16, 64);
  reader.socket.bind(target.socket);
  sc_core::sc_start();
  CHECK(reader.status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  REQUIRE(target.errors().size() == 1);
  const std::string& message = target.errors().front();
  CHECK_THAT(message, Catch::Contains("memory") && Catch::Contains("0x1000fff0") &&
                          Catch::Contains("from cpu") &&
                          Catch::Contains("[0x10000000, 0x10010000)"));
  CHECK(stats.find("errors")->value == 1);
  CHECK(stats.find("requests")->value == 0);
}

TEST_CASE("memory target: the extension names the initiator and receives the error") {
  axsim::mem::SramModel sram = small_sram();
  axsim::core::StatGroup stats("memory");
  MemoryTarget target("memory", sram, kBase, stats);
  Reader reader("reader", kBase - 8, 64);
  reader.extension.emplace();
  reader.extension->initiator = "dma0.read_port";
  reader.socket.bind(target.socket);
  sc_core::sc_start();
  CHECK(reader.status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  CHECK_THAT(reader.extension->error,
             Catch::Contains("0xffffff8") && Catch::Contains("from dma0.read_port"));
}

TEST_CASE("memory target: two initiators on a detailed-mode HBM3 contend and the second waits") {
  const axsim::mem::DramSpec spec =
      axsim::mem::load_memory_config(std::string(AXSIM_SOURCE_DIR) + "/configs/mem/hbm3.yaml");
  REQUIRE(spec.mode == axsim::mem::DramMode::detailed);
  constexpr std::uint64_t kBytes = 256 * 1024;
  // The same read on an idle device, outside SystemC: what either initiator would see alone.
  axsim::mem::DramSystem alone(spec);
  axsim::mem::Transfer solo;
  solo.bytes = kBytes;
  const double solo_s = alone.transfer(solo).finish.si;

  axsim::mem::DramSystem hbm(spec);
  axsim::core::StatGroup stats("hbm");
  MemoryTarget target("hbm", hbm, 0, stats);
  axsim::test::Bus bus("bus");
  Reader first("first", 0, kBytes);
  Reader second("second", 0, kBytes);
  first.socket.bind(bus.in);
  second.socket.bind(bus.in);
  bus.out.bind(target.socket);
  sc_core::sc_start();

  CHECK(first.status == tlm::TLM_OK_RESPONSE);
  CHECK(second.status == tlm::TLM_OK_RESPONSE);
  const double earlier = std::min(first.done, second.done).to_seconds();
  const double later = std::max(first.done, second.done).to_seconds();
  CHECK(earlier == Approx(solo_s).epsilon(1e-3));
  // The later one waited at least half the data-bus time of the other's transfer.
  const double bus_time = kBytes / spec.peak_bandwidth().si;
  CHECK(later - earlier > 0.5 * bus_time);
  CHECK(stats.find("bytes_read")->value == 2 * kBytes);
}
