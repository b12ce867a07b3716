// One HBM3 pseudo-channel as the controller tests, the RTL cross-check and the channel bench
// all use it: tCK 0.625 ns (1.6 GHz command clock), 4 bank groups x 4 banks, 16384 rows of 32
// bursts of 32 B. Timings in cycles of tCK: CL, tRCDRD/WR, tRP, tRAS, tRC, tFAW, tRRD_S/L,
// tCCD_S/L, tWR, tRTP, tREFI (3.9 us) and tRFCpb (200 ns) are JESD238 HBM3-6400 values as
// open DRAM simulators use them; CWL 8, tWTR_S/L 5/10, tRTRS 2, tRFC 560 (350 ns) and tRREFD
// 8 are assumed (same order as HBM3 parts; configs/mem/hbm3.yaml has the device's values).
#pragma once

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

inline DramTiming hbm3_timing() {
  DramTiming t;
  t.CL = 20;
  t.CWL = 8;
  t.tBL = 2;
  t.tRCDRD = 31;
  t.tRCDWR = 15;
  t.tRP = 26;
  t.tRAS = 45;
  t.tRC = 72;
  t.tCCD_S = 2;
  t.tCCD_L = 4;
  t.tRRD_S = 4;
  t.tRRD_L = 5;
  t.tFAW = 24;
  t.tWR = 33;
  t.tRTP = 9;
  t.tWTR_S = 5;
  t.tWTR_L = 10;
  t.tRTRS = 2;
  t.tREFI = 6240;
  t.tRFC = 560;
  t.tRFCpb = 320;
  t.tRREFD = 8;
  return t;
}

inline ChannelOrg hbm3_org() {
  ChannelOrg org;
  org.bank_groups = 4;
  org.banks_per_group = 4;
  org.rows = 16384;
  org.columns = 32;
  org.burst_bytes = 32;
  return org;
}

}  // namespace axsim::mem
