// Reading a memory preset: values and units as written, every inconsistency a device cannot
// have refused with the file, line and key, and `memory:` entries that name or refine a preset.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "models/mem/dram/dram_config.h"

using namespace axsim;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

const char* const kDevice =
    "name: test-hbm\n"                    // 1
    "standard: HBM3\n"                    // 2
    "source: test fixture\n"              // 3
    "clock: 1.6 GHz\n"                    // 4
    "organization:\n"                     // 5
    "  stacks: 1\n"                       // 6
    "  channels: 2\n"                     // 7
    "  pseudo_channels: 2\n"              // 8
    "  bank_groups: 4\n"                  // 9
    "  banks_per_group: 4\n"              // 10
    "  rows: 1024\n"                      // 11
    "  columns: 32\n"                     // 12
    "  burst_bytes: 32\n"                 // 13
    "timing:\n"                           // 14
    "  CL: 20\n"                          // 15
    "  CWL: 7\n"                          // 16
    "  tBL: 2\n"                          // 17
    "  tRCDRD: 31\n"                      // 18
    "  tRCDWR: 15\n"                      // 19
    "  tRP: 26\n"                         // 20
    "  tRAS: 45\n"                        // 21
    "  tRC: 72\n"                         // 22
    "  tCCD_S: 2\n"                       // 23
    "  tCCD_L: 4\n"                       // 24
    "  tRRD_S: 4\n"                       // 25
    "  tRRD_L: 5\n"                       // 26
    "  tFAW: 24\n"                        // 27
    "  tWR: 33\n"                         // 28
    "  tRTP: 9\n"                         // 29
    "  tWTR_S: 10\n"                      // 30
    "  tWTR_L: 13\n"                      // 31
    "  tRTRS: 2\n"                        // 32
    "  tREFI: 3.9 us\n"                   // 33
    "  tRFC: 260 ns\n"                    // 34
    "  tRFCpb: 200 ns\n"                  // 35
    "  tRREFD: 13\n"                      // 36
    "controller:\n"                       // 37
    "  page_policy: open\n"               // 38
    "  refresh: per_bank\n"               // 39
    "  read_queue: 32\n"                  // 40
    "  write_queue: 32\n"                 // 41
    "  write_high: 24\n"                  // 42
    "  write_low: 8\n"                    // 43
    "  frontend_latency: 10 ns\n"         // 44
    "  mapping: [column, bank_group, pseudo_channel, channel, bank, row, stack]\n"  // 45
    "  mode: detailed\n"                  // 46
    "energy:\n"                           // 47
    "  activate: hbm3_activate\n"         // 48
    "  read: hbm3_read_bit\n"             // 49
    "  write: hbm3_write_bit\n"           // 50
    "  io: hbm3_io_bit\n"                 // 51
    "  refresh: hbm3_refresh\n";          // 52

mem::DramSpec load(const std::string& text) {
  const core::ConfigNode root = core::parse_config_text(text, "mem.yaml");
  return mem::load_dram_spec(core::Section(root));
}

// The device with `assignments` applied (as --set would), loaded.
mem::DramSpec load_with(const std::vector<std::string>& assignments) {
  core::ConfigNode root = core::parse_config_text(kDevice, "mem.yaml");
  for (const std::string& a : assignments) core::apply_override(root, a);
  return mem::load_dram_spec(core::Section(root));
}

std::string error_with(const std::vector<std::string>& assignments) {
  try {
    load_with(assignments);
  } catch (const core::InputError& e) {
    return e.what();
  }
  FAIL("no InputError was thrown");
  return "";
}

// Replaces one line of the fixture, so errors point at a file position.
std::string error_in_line(int line, const std::string& replacement) {
  std::string text;
  std::istringstream in(kDevice);
  std::string l;
  for (int n = 1; std::getline(in, l); ++n) text += (n == line ? replacement : l) + "\n";
  try {
    load(text);
  } catch (const core::InputError& e) {
    return e.what();
  }
  FAIL("no InputError was thrown");
  return "";
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "axsim_dram_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }

 private:
  fs::path path_;
};

}  // namespace

TEST_CASE("dram config: a preset loads with every value in the unit it was written in") {
  const mem::DramSpec spec = load(kDevice);
  CHECK(spec.name == "test-hbm");
  CHECK(spec.organization.units() == 4);
  CHECK(spec.timing.tREFI == 6240);   // 3.9 us at 1.6 GHz
  CHECK(spec.timing.tRFC == 416);     // 260 ns
  CHECK(spec.timing.tRFCpb == 320);   // 200 ns
  CHECK(spec.controller.refresh == mem::RefreshMode::per_bank);
  CHECK(spec.frontend_latency.si == Approx(10e-9));
  CHECK(spec.mapping.front() == mem::AddressField::column);
  CHECK(spec.mapping.back() == mem::AddressField::stack);
  CHECK(spec.mode == mem::DramMode::detailed);
  CHECK(spec.energy.refresh == "hbm3_refresh");
  // 4 units x 32 B every 2 cycles at 1.6 GHz; 4 units x 16 banks x 1024 rows x 1 KiB.
  CHECK(spec.peak_bandwidth().si == Approx(102.4e9));
  CHECK(spec.capacity_bytes() == 64ull << 20);
}

TEST_CASE("dram config: a time that is not a whole number of cycles rounds up") {
  CHECK(load_with({"timing.tRP=16.3 ns"}).timing.tRP == 27);  // 26.08 cycles
  CHECK(load_with({"timing.tRP=16.25 ns"}).timing.tRP == 26);  // exactly 26
}

TEST_CASE("dram config: timing that no device can have is refused at its key") {
  CHECK_THAT(error_with({"timing.tRC=70"}),
             Contains("key 'timing.tRC': tRC = 70 cycles, but must be at least tRAS + tRP = 71"));
  CHECK_THAT(error_with({"timing.tRAS=30"}),
             Contains("key 'timing.tRAS'") && Contains("at least tRCDRD = 31"));
  CHECK_THAT(error_with({"timing.tCCD_S=1"}), Contains("key 'timing.tCCD_S'") && Contains("tBL"));
  CHECK_THAT(error_with({"timing.tREFI=400"}),
             Contains("key 'timing.tREFI'") && Contains("tRFC + 1"));
  CHECK_THAT(error_with({"timing.tBL=0"}), Contains("key 'timing.tBL': must be at least 1 cycle"));
  CHECK_THAT(error_with({"timing.CL=-3"}), Contains("key 'timing.CL': must not be negative"));
}

TEST_CASE("dram config: errors point at the file line of the offending value") {
  CHECK_THAT(error_in_line(22, "  tRC: 60"), StartsWith("mem.yaml:22:3: key 'timing.tRC'"));
  CHECK_THAT(error_in_line(7, "  channels: 0"),
             StartsWith("mem.yaml:7:3: key 'organization.channels'") && Contains("positive"));
  CHECK_THAT(error_in_line(33, "  tREFI: 3.9"),
             StartsWith("mem.yaml:33:3: key 'timing.tREFI'") && Contains("missing unit"));
  CHECK_THAT(error_in_line(33, "  tREFI: 3.9 GB"), StartsWith("mem.yaml:33:3:"));
}

TEST_CASE("dram config: counts must be positive and any field may have any count") {
  CHECK_THAT(error_with({"organization.rows=0"}),
             Contains("key 'organization.rows'") && Contains("positive"));
  // Five stacks interleaved at low address bits: the address map reads mixed-radix digits.
  const mem::DramSpec five = load_with({"organization.stacks=5",
                                        "controller.mapping=[column, stack, bank_group, pseudo_channel, channel, bank, row]"});
  CHECK(five.capacity_bytes() == 5 * (64ull << 20));
  CHECK(load_with({"organization.bank_groups=3"}).capacity_bytes() == 3 * (16ull << 20));
}

TEST_CASE("dram config: the bank hash is off unless asked for and needs whole-bit bank counts") {
  CHECK(load_with({}).bank_hash == mem::BankHash::none);
  CHECK(load_with({"controller.bank_hash=xor"}).bank_hash == mem::BankHash::xor_row);
  CHECK_THAT(error_with({"controller.bank_hash=xor", "organization.bank_groups=3"}),
             Contains("key 'organization.bank_groups'") && Contains("3 is not a power of two") &&
                 Contains("bank_hash: xor"));
  CHECK_THAT(error_with({"controller.bank_hash=modulo"}),
             Contains("key 'controller.bank_hash'") && Contains("xor"));
}

TEST_CASE("dram config: a mapping must list every field once") {
  CHECK_THAT(error_with({"controller.mapping=[column, bank_group, pseudo_channel, channel, bank, row]"}),
             Contains("key 'controller.mapping': misses 'stack'"));
  CHECK_THAT(error_with({"controller.mapping=[column, bank, pseudo_channel, channel, bank, row, stack]"}),
             Contains("key 'controller.mapping[4]': 'bank' appears twice"));
  CHECK_THAT(error_with({"controller.mapping=[colum, bank_group, pseudo_channel, channel, bank, row, stack]"}),
             Contains("key 'controller.mapping[0]'") && Contains("got 'colum'"));
}

TEST_CASE("dram config: write-drain thresholds and queue depths must fit together") {
  CHECK_THAT(error_with({"controller.write_low=24"}),
             Contains("key 'controller.write_low': write_low = 24 must be below write_high = 24"));
  CHECK_THAT(error_with({"controller.write_high=40"}),
             Contains("key 'controller.write_high': write_high = 40 exceeds write_queue = 32"));
  CHECK_THAT(error_with({"controller.read_queue=0"}), Contains("key 'controller.read_queue'"));
}

TEST_CASE("dram config: enumerations and unknown keys are refused with the choices") {
  CHECK_THAT(error_with({"controller.refresh=sometimes"}),
             Contains("key 'controller.refresh': expected one of 'none', 'per_bank', 'all_bank'"));
  CHECK_THAT(error_with({"controller.mode=quick"}), Contains("'detailed', 'fast'"));
  CHECK_THAT(error_with({"controller.page_policy=half"}), Contains("'open', 'closed'"));
  CHECK_THAT(error_with({"timing.tRCD=31"}),
             Contains("unknown key 'tRCD'") && Contains("did you mean"));
  CHECK_THAT(error_with({"controller.frontend_latency=10"}),
             Contains("key 'controller.frontend_latency'") && Contains("missing unit"));
}

TEST_CASE("dram config: a memory entry can name a preset by path") {
  TempDir dir;
  dir.write("mem/dev.yaml", kDevice);
  const std::string accel = dir.write("accel.yaml", "memory: mem/dev.yaml\n");
  const core::ConfigNode root = core::load_config_file(accel);
  const mem::DramSpec spec = mem::load_memory_node(root.at("memory"));
  CHECK(spec.name == "test-hbm");
  CHECK(spec.timing.tRC == 72);
}

TEST_CASE("dram config: a memory entry can refine a preset with base and overrides") {
  TempDir dir;
  dir.write("mem/dev.yaml", kDevice);
  const std::string accel = dir.write("accel.yaml",
                                      "memory:\n"
                                      "  base: mem/dev.yaml\n"
                                      "  controller:\n"
                                      "    mode: fast\n");
  const mem::DramSpec spec = mem::load_memory_node(core::load_config_file(accel).at("memory"));
  CHECK(spec.name == "test-hbm");
  CHECK(spec.mode == mem::DramMode::fast);
  CHECK(spec.controller.read_queue == 32);  // the rest of controller: is the preset's
}

TEST_CASE("dram config: an overridden value that is wrong is reported where it was written") {
  TempDir dir;
  dir.write("mem/dev.yaml", kDevice);
  const std::string accel = dir.write("accel.yaml",
                                      "memory:\n"
                                      "  base: mem/dev.yaml\n"
                                      "  timing:\n"
                                      "    tRC: 60\n");
  try {
    mem::load_memory_node(core::load_config_file(accel).at("memory"));
    FAIL("tRC below tRAS + tRP was accepted");
  } catch (const core::InputError& e) {
    CHECK_THAT(e.what(), StartsWith(accel + ":4:5: key 'memory.timing.tRC'"));
  }
}

TEST_CASE("dram config: a missing preset is reported at the key that names it") {
  TempDir dir;
  const std::string accel = dir.write("accel.yaml", "memory: mem/none.yaml\n");
  try {
    mem::load_memory_node(core::load_config_file(accel).at("memory"));
    FAIL("a missing preset was accepted");
  } catch (const core::InputError& e) {
    CHECK_THAT(e.what(), StartsWith(accel + ":1:1: key 'memory'") &&
                             Contains("cannot read memory preset 'mem/none.yaml'"));
  }
}

TEST_CASE("dram config: the shipped presets load") {
  for (const char* file : {"hbm3.yaml", "lpddr5.yaml", "h100-hbm3.yaml"}) {
    INFO(file);
    CHECK_NOTHROW(mem::load_memory_config(std::string(AXSIM_SOURCE_DIR) + "/configs/mem/" + file));
  }
}
