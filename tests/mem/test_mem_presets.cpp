// The memory presets in configs/mem: each loads, its peak bandwidth is the datasheet figure,
// composed presets convert their nanosecond timings at their own clock, and every energy
// action they name is in the technology table.
#include <catch2/catch.hpp>
#include <string>

#include "models/core/energy.h"
#include "models/mem/dram/dram_config.h"

namespace {

axsim::mem::DramSpec preset(const std::string& name) {
  return axsim::mem::load_memory_config(std::string(AXSIM_SOURCE_DIR) + "/configs/mem/" + name);
}

constexpr double kGiB = 1024.0 * 1024 * 1024;

}  // namespace

TEST_CASE("mem presets: peak bandwidth per device matches the datasheets") {
  struct Expected {
    const char* file;
    double bytes_per_s;
  };
  const Expected table[] = {
      {"hbm3.yaml", 819.2e9},      {"hbm3e.yaml", 1228.8e9},      {"hbm2e.yaml", 409.6e9},
      {"lpddr4.yaml", 25.6e9},     {"lpddr4-4266.yaml", 34.13e9}, {"lpddr5.yaml", 51.2e9},
      {"h100-hbm3.yaml", 3.35e12}, {"h200-hbm3e.yaml", 4.8e12},
  };
  for (const Expected& e : table) {
    INFO(e.file);
    CHECK(preset(e.file).peak_bandwidth().si == Approx(e.bytes_per_s).epsilon(1e-3));
  }
}

TEST_CASE("mem presets: capacities are the devices' sizes") {
  CHECK(preset("hbm3.yaml").capacity_bytes() == Approx(8 * kGiB));
  CHECK(preset("hbm3e.yaml").capacity_bytes() == Approx(24 * kGiB));
  CHECK(preset("h100-hbm3.yaml").capacity_bytes() == Approx(80 * kGiB));
  // Six 24 GiB cubes; 141 of the 144 GiB are sold (configs/mem/h200-hbm3e.yaml).
  CHECK(preset("h200-hbm3e.yaml").capacity_bytes() == Approx(144 * kGiB));
  CHECK(preset("hbm2e.yaml").capacity_bytes() == Approx(16 * kGiB));
  CHECK(preset("lpddr4.yaml").capacity_bytes() == Approx(4 * kGiB));
  CHECK(preset("lpddr5.yaml").capacity_bytes() == Approx(8 * kGiB));
}

TEST_CASE("mem presets: HBM3 keeps the JESD238 cycle counts") {
  const axsim::mem::DramSpec hbm3 = preset("hbm3.yaml");
  CHECK(hbm3.timing.CL == 20);
  CHECK(hbm3.timing.tRCDRD == 31);
  CHECK(hbm3.timing.tRC == 72);
  CHECK(hbm3.timing.tRFCpb == 320);  // 200 ns at 1.6 GHz
  CHECK(hbm3.timing.tREFI == 6240);  // 3.9 us
}

TEST_CASE("mem presets: composed HBM presets convert the array delays at their own clock") {
  const axsim::mem::DramSpec hbm3e = preset("hbm3e.yaml");
  CHECK(hbm3e.timing.CL == 30);      // 12.5 ns at 2.4 GHz
  CHECK(hbm3e.timing.tRCDRD == 47);  // 19.375 ns: 46.5 cycles, rounded up
  CHECK(hbm3e.timing.tRC == 108);
  CHECK(hbm3e.timing.tCCD_S == 2);  // bus-bound, still one burst
  const axsim::mem::DramSpec h100 = preset("h100-hbm3.yaml");
  CHECK(h100.timing.CL == 17);   // 12.5 ns at 1.3086 GHz: 16.4 cycles
  CHECK(h100.timing.tRC == 59);  // 45 ns: 58.9 cycles
  CHECK(h100.organization.stacks == 5);
}

TEST_CASE("mem presets: LPDDR4-4266 takes the 3200 bin's nanoseconds at its faster clock") {
  const axsim::mem::DramSpec slow = preset("lpddr4.yaml");
  const axsim::mem::DramSpec fast = preset("lpddr4-4266.yaml");
  CHECK(slow.timing.tRCDRD == 29);  // 18 ns at 1.6 GHz: 28.8 cycles
  CHECK(fast.timing.tRCDRD == 39);  // 18 ns at 2.133 GHz: 38.4 cycles
  CHECK(fast.timing.CL == 36);
}

TEST_CASE("mem presets: every energy action is in the technology table") {
  const axsim::core::TechTable table = axsim::core::load_tech_table(
      std::string(AXSIM_SOURCE_DIR) + "/configs/tech/horowitz-45nm.yaml");
  for (const char* file :
       {"hbm3.yaml", "hbm3e.yaml", "hbm2e.yaml", "lpddr4.yaml", "lpddr4-4266.yaml", "lpddr5.yaml",
        "h100-hbm3.yaml", "h200-hbm3e.yaml"}) {
    INFO(file);
    const axsim::mem::DramSpec spec = preset(file);
    for (const std::string& action : {spec.energy.activate, spec.energy.read, spec.energy.write,
                                      spec.energy.io, spec.energy.refresh}) {
      CHECK_NOTHROW(table.at(action));
    }
  }
}
