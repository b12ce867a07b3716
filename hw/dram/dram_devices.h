// The devices the DRAM cross-check runs: HBM3-like and LPDDR5-like timing sets on the
// controller's synthesized organisation (4 bank groups x 4 banks), a refresh stress case on
// half of it, and the controller settings both implementations are given.
#pragma once

#include <string>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::hw {

struct DramCheckDevice {
  std::string name;
  mem::ChannelOrg org;
  mem::DramTiming timing;
};

DramCheckDevice hbm3_like_device();
DramCheckDevice lpddr5_like_device();
DramCheckDevice refresh_stress_device();
std::vector<DramCheckDevice> dram_check_devices();

// Queues of 16 (the RTL's depth); drain writes from 12 queued down to 4.
mem::ControllerConfig dram_check_controller(mem::PagePolicy page, mem::RefreshMode refresh);

const char* page_policy_name(mem::PagePolicy page);
const char* refresh_mode_name(mem::RefreshMode refresh);

}  // namespace axsim::hw
