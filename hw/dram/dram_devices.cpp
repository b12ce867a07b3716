#include "hw/dram/dram_devices.h"

#include "models/mem/dram/hbm3_reference.h"
#include "models/mem/dram/lpddr5_reference.h"

namespace axsim::hw {

DramCheckDevice hbm3_like_device() {
  return {"hbm3-like", mem::hbm3_org(), mem::hbm3_timing()};
}

DramCheckDevice lpddr5_like_device() {
  return {"lpddr5-like", mem::lpddr5_org(), mem::lpddr5_timing()};
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
