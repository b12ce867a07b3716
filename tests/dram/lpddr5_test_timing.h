// An LPDDR5-like channel for the tests that must hold under more than one device: 800 MHz
// command clock (tCK 1.25 ns, LPDDR5-6400), bank-group mode with 4 groups x 4 banks, 2 KiB
// rows of 32 B bursts. Values are JESD209-5 nanosecond figures rounded up to whole cycles
// (tRCD 18 ns, tRP 18 ns, tRAS 42 ns, tRC 60 ns, tRRD 5 ns, tFAW 20 ns, tWR 34 ns, tRTP 7.5 ns,
// tWTR_S 6.25 ns, tWTR_L 12 ns, tREFI 3.9 us, tRFCab 280 ns, tRFCpb 140 ns, tpbR2pbR 90 ns);
// read and write latencies are of that speed bin's order. The tests check the controller
// against its own contract, so "like" is enough: what matters is that the ratios differ
// from HBM3 (tRREFD longer than tRCD, half the tREFI / banks, tRCDWR equal to tRCDRD).
#pragma once

#include "models/mem/dram/dram_types.h"

namespace axsim::mem::test {

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
  t.tRTRS = 2;
  t.tREFI = 3120;
  t.tRFC = 224;
  t.tRFCpb = 112;
  t.tRREFD = 72;
  return t;
}

inline ChannelOrg lpddr5_org() {
  ChannelOrg org;
  org.bank_groups = 4;
  org.banks_per_group = 4;
  org.rows = 65536;
  org.columns = 64;
  org.burst_bytes = 32;
  return org;
}

}  // namespace axsim::mem::test
