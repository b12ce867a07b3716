// One HBM3 pseudo-channel, as the DRAM tests use it: tCK 0.625 ns (1.6 GHz command clock),
// 4 bank groups x 4 banks, 16384 rows of 32 bursts of 32 B. The timings are the values the
// memory-system issue fixes for the tests, in cycles of tCK.
#pragma once

#include "models/mem/dram/dram_types.h"

namespace axsim::mem::test {

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

}  // namespace axsim::mem::test
