#include "hw/dram/dram_devices.h"

#include "models/mem/dram/hbm3_reference.h"

namespace axsim::hw {

DramCheckDevice hbm3_like_device() {
  return {"hbm3-like", mem::hbm3_org(), mem::hbm3_timing()};
}

DramCheckDevice lpddr5_like_device() {
  DramCheckDevice device;
  device.name = "lpddr5-like";
  // An LPDDR5 x16 channel in bank-group mode: 4 bank groups x 4 banks, 2 KiB rows of 32-byte
  // BL16 bursts, 32768 rows (16 Gb).
  device.org = {4, 4, 32768, 64, 32};
  // LPDDR5-6400 figures (JESD209-5B) in 800 MHz CK cycles of 1.25 ns, minimum delays rounded
  // up and the refresh interval down: RL 17, WL 9, BL16 in 2 CK, tRCD 18 ns, tRPpb 18 ns,
  // tRAS 42 ns, tRC 60 ns, tRRD 5 ns, tFAW 20 ns, tWR 34 ns, tRTP 7.5 ns, tWTR_S 6.25 ns,
  // tWTR_L 12 ns, tREFI 3.906 us, tRFCab 280 ns, tRFCpb 140 ns, tpbR2pbR 90 ns; tRTRS of one
  // cycle is this check's choice. Not a datasheet copy: a second timing set, different in
  // every parameter that HBM3's could hide.
  mem::DramTiming& t = device.timing;
  t.CL = 17;
  t.CWL = 9;
  t.tBL = 2;
  t.tRCDRD = 15;
  t.tRCDWR = 15;
  t.tRP = 15;
  t.tRAS = 34;
  t.tRC = 48;
  t.tCCD_S = 2;
  t.tCCD_L = 4;
  t.tRRD_S = 4;
  t.tRRD_L = 4;
  t.tFAW = 16;
  t.tWR = 28;
  t.tRTP = 6;
  t.tWTR_S = 5;
  t.tWTR_L = 10;
  t.tRTRS = 1;
  t.tREFI = 3124;
  t.tRFC = 224;
  t.tRFCpb = 112;
  t.tRREFD = 72;
  return device;
}

DramCheckDevice refresh_stress_device() {
  DramCheckDevice device = hbm3_like_device();
  device.name = "refresh-stress";
  // Half the synthesized banks, so the refresh walk and tREFI / banks use the org inputs.
  device.org.bank_groups = 2;
  // A refresh due every 40 cycles: one delayed by a bank that cannot close yet runs into
  // the next, and tRREFD, which real tREFI values never reach, sets the pace. Not a device:
  // a corner of the contract.
  device.timing.tREFI = 320;
  device.timing.tRREFD = 30;
  device.timing.tRFCpb = 200;
  device.timing.tRFC = 200;
  return device;
}

std::vector<DramCheckDevice> dram_check_devices() {
  return {hbm3_like_device(), lpddr5_like_device(), refresh_stress_device()};
}

mem::ControllerConfig dram_check_controller(mem::PagePolicy page, mem::RefreshMode refresh) {
  mem::ControllerConfig config;
  config.read_queue = 16;
  config.write_queue = 16;
  config.write_high = 12;
  config.write_low = 4;
  config.page_policy = page;
  config.refresh = refresh;
  return config;
}

const char* page_policy_name(mem::PagePolicy page) {
  return page == mem::PagePolicy::open ? "open" : "closed";
}

const char* refresh_mode_name(mem::RefreshMode refresh) {
  switch (refresh) {
    case mem::RefreshMode::none:
      return "none";
    case mem::RefreshMode::per_bank:
      return "per-bank";
    case mem::RefreshMode::all_bank:
      return "all-bank";
  }
  return "?";
}

}  // namespace axsim::hw
