// What the legality table of docs/dram-controller.md reads: which banks are open at which
// row, and for every command the earliest cycle it may issue.
//
// Every rule reads "t >= last X + d" with d fixed for the run, and the X cycles only grow, so
// one register per (command, scope) holding the largest bound seen so far equals the bound
// from the last X. Legality is then one comparison, and the earliest legal cycle of any
// command is the max of two or three registers: what lets the controller jump over idle
// cycles instead of testing each one.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "models/mem/dram/channel_validation.h"
#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

class BankState {
 public:
  BankState(const ChannelOrg& org, const DramTiming& timing);

  int banks() const { return bank_count_; }
  int group_of(int bank) const { return banks_[bank].group; }
  bool is_open(int bank) const { return banks_[bank].open; }
  std::uint32_t open_row(int bank) const { return banks_[bank].row; }
  bool any_open() const { return open_banks_ > 0; }

  // Earliest cycles at which each command to `bank` (flat index g * banks_per_group + b) is
  // allowed by timing; whether the bank is open or closed is for the caller to check. Each is
  // the max of the bank's own bound (changed only by commands to that bank) and the bound
  // its bank group and the channel set (changed by every command of the kind).
  Cycle act_ready(int bank) const {
    return std::max(act_bank_bound(bank), act_group_bound(banks_[bank].group));
  }
  Cycle pre_ready(int bank) const { return banks_[bank].pre; }
  Cycle rd_ready(int bank) const {
    return std::max(rd_bank_bound(bank), rd_group_bound(banks_[bank].group));
  }
  Cycle wr_ready(int bank) const {
    return std::max(wr_bank_bound(bank), wr_group_bound(banks_[bank].group));
  }
  Cycle act_bank_bound(int bank) const { return banks_[bank].act; }
  Cycle rd_bank_bound(int bank) const { return banks_[bank].rd; }
  Cycle wr_bank_bound(int bank) const { return banks_[bank].wr; }
  Cycle act_group_bound(int group) const { return std::max(group_act_[group], faw_ready()); }
  Cycle rd_group_bound(int group) const { return group_rd_[group]; }
  Cycle wr_group_bound(int group) const { return std::max(group_wr_[group], wr_after_rd_); }
  Cycle refpb_ready(int bank) const { return std::max(banks_[bank].refpb, refpb_any_); }
  Cycle refab_ready() const { return refab_; }
  // The bank is held by a refresh until this cycle (REFpb + tRFCpb, REFab + tRFC).
  Cycle refresh_until(int bank) const { return banks_[bank].refresh_until; }

  // Record a command issued at cycle `t`.
  void activate(int bank, std::uint32_t row, Cycle t);
  void precharge(int bank, Cycle t);
  // A RD or WR; with auto-precharge the bank closes now and counts as precharged at the
  // earliest cycle an explicit PRE would be legal after this command (ACT + tRAS, every
  // RD + tRTP and WR + CWL + tBL + tWR to the open row, this one included).
  void read(int bank, Cycle t, bool auto_precharge);
  void write(int bank, Cycle t, bool auto_precharge);
  void refresh_bank(int bank, Cycle t);
  void refresh_all(Cycle t);

 private:
  struct Bank {
    bool open = false;
    std::uint32_t row = 0;
    int group = 0;
    Cycle last_act = 0;
    Cycle act = 0;    // PRE + tRP, ACT + tRC, REFpb + tRFCpb, REFab + tRFC
    Cycle pre = 0;    // ACT + tRAS, RD + tRTP, WR + CWL + tBL + tWR
    Cycle rd = 0;     // ACT + tRCDRD
    Cycle wr = 0;     // ACT + tRCDWR
    Cycle refpb = 0;  // PRE + tRP, ACT + tRC, REFpb(this bank) + tRFCpb
    Cycle refresh_until = 0;
  };

  Cycle faw_ready() const { return acts_seen_ >= 4 ? last_acts_[acts_seen_ % 4] + tFAW_ : 0; }
  void closed_at(Bank& bank, Cycle precharge_cycle);

  // Fixed-size arrays: the registers are read on every scheduling decision.
  int bank_count_;
  int group_count_;
  std::array<Bank, kMaxBanksPerChannel> banks_{};
  int open_banks_ = 0;
  // Per bank group: ACT (tRRD), RD (tCCD, tWTR), WR (tCCD).
  std::array<Cycle, kMaxBanksPerChannel> group_act_{};
  std::array<Cycle, kMaxBanksPerChannel> group_rd_{};
  std::array<Cycle, kMaxBanksPerChannel> group_wr_{};
  Cycle wr_after_rd_ = 0;             // last RD (any group) + CL + tBL + tRTRS - CWL
  Cycle refpb_any_ = 0;               // last REFpb (any bank) + tRREFD
  Cycle refab_ = 0;                   // every bank's PRE + tRP and ACT + tRC, last REFab + tRFC
  std::array<Cycle, 4> last_acts_{};  // ring of the last four ACT cycles (tFAW)
  std::uint64_t acts_seen_ = 0;

  // Delays, as unsigned cycle counts; a negative sum constrains nothing and becomes 0.
  Cycle tRC_, tRAS_, tRP_, tRCDRD_, tRCDWR_, tRRD_S_, tRRD_L_, tFAW_;
  Cycle tCCD_S_, tCCD_L_, tRTP_, write_to_pre_, write_to_rd_S_, write_to_rd_L_, read_to_write_;
  Cycle tRFC_, tRFCpb_, tRREFD_;
};

}  // namespace axsim::mem
