// One LPDDR5-like channel, the second device that the controller tests and the RTL
// cross-check hold the contract to: an x16 channel in bank-group mode, 4 bank groups x 4
// banks, 32768 rows (16 Gb) of 2 KiB in 32 B BL16 bursts, at an 800 MHz command clock
// (tCK 1.25 ns, LPDDR5-6400). Timings are JESD209-5B nanosecond figures in whole cycles,
// minimum delays rounded up and the refresh interval down: RL 17, WL 9, BL16 in 2 CK,
// tRCD 18 ns, tRPpb 18 ns, tRAS 42 ns, tRC 60 ns, tRRD 5 ns, tFAW 20 ns, tWR 34 ns,
// tRTP 7.5 ns, tWTR_S 6.25 ns, tWTR_L 12 ns, tREFI 3.906 us, tRFCab 280 ns, tRFCpb 140 ns,
// tpbR2pbR 90 ns; a read-to-write turnaround (tRTRS) of one cycle is assumed. Not a datasheet
// copy (configs/mem/lpddr5.yaml is the device preset): a second timing set whose ratios
// differ from HBM3's in every parameter HBM3's could hide (tRREFD longer than tRCD, half the
// tREFI / banks, tRCDWR equal to tRCDRD).
#pragma once

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

inline DramTiming lpddr5_timing() {
  DramTiming t;
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
  return t;
}

inline ChannelOrg lpddr5_org() {
  ChannelOrg org;
  org.bank_groups = 4;
  org.banks_per_group = 4;
  org.rows = 32768;
  org.columns = 64;
  org.burst_bytes = 32;
  return org;
}

}  // namespace axsim::mem
