// What the legality table of docs/dram-controller.md reads: which banks are open at which
// row, and for every command the earliest cycle it may issue.
//
// Every rule reads "t >= last X + d" with d fixed for the run, and the X cycles only grow, so
// one register per (command, scope) holding the largest bound seen so far equals the bound
// from the last X. Legality is then one comparison, and the earliest legal cycle of any
// command is the max of the bank's own register (changed only by commands to that bank) and
// its bank group's bound. A command raises the group bound of its own group by an "_L" delay
// and of every other group by the "_S" delay; since each _L delay is at least its _S delay
// (validate_channel), that is one register every group shares raised by _S and one of the
// own group raised by _L, and a group's bound is the later of the two: a command touches two
// registers however many groups there are.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "models/mem/dram/channel_validation.h"
#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

// The request commands a bank can be given next, in the order of the bound tables; `none`
// (no command) has bounds that never arrive.
enum class CandidateKind : std::uint8_t { read, write, pre, act, none };
inline constexpr int kCandidateKinds = 5;
inline constexpr Cycle kNeverCycle = std::numeric_limits<Cycle>::max();

class BankState {
 public:
  BankState(const ChannelOrg& org, const DramTiming& timing);

  int banks() const { return bank_count_; }
  int banks_per_group() const { return banks_per_group_; }
  int groups() const { return bank_count_ / banks_per_group_; }
  int group_of(int bank) const { return banks_[bank].group; }
  bool is_open(int bank) const { return banks_[bank].open; }
  std::uint32_t open_row(int bank) const { return banks_[bank].row; }
  bool any_open() const { return open_banks_ > 0; }

  // The bank's part of the earliest cycle of a `kind` command to `bank` (flat index
  // g * banks_per_group + b); kNeverCycle for `none`. Whether the bank is open or closed is
  // for the caller to check.
  Cycle bank_bound(CandidateKind kind, int bank) const {
    return banks_[bank].bound[static_cast<int>(kind)];
  }
  // The bank group's and channel's part of it, for the banks of `group`: the later of the
  // part every group shares and the part of commands to that group.
  Cycle group_bound(CandidateKind kind, int group) const {
    return std::max(any_group(kind), own_group(kind, group));
  }
  Cycle any_group(CandidateKind kind) const { return any_group_[static_cast<int>(kind)]; }
  Cycle own_group(CandidateKind kind, int group) const {
    return own_group_[own_index(kind, group)];
  }
  // Earliest cycle at which timing allows a `kind` command to `bank`.
  Cycle ready(CandidateKind kind, int bank) const {
    return std::max(bank_bound(kind, bank), group_bound(kind, banks_[bank].group));
  }
  Cycle pre_ready(int bank) const { return bank_bound(CandidateKind::pre, bank); }
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
    // By CandidateKind: ACT + tRCDRD (read); ACT + tRCDWR (write); ACT + tRAS, RD + tRTP,
    // WR + CWL + tBL + tWR (pre); PRE + tRP, ACT + tRC, REFpb + tRFCpb, REFab + tRFC (act).
    std::array<Cycle, kCandidateKinds> bound{0, 0, 0, 0, kNeverCycle};
    Cycle refpb = 0;  // PRE + tRP, ACT + tRC, REFpb(this bank) + tRFCpb
    Cycle refresh_until = 0;
    std::uint32_t row = 0;
    int group = 0;
    bool open = false;
  };

  Cycle& bound(int bank, CandidateKind kind) { return banks_[bank].bound[static_cast<int>(kind)]; }
  static int own_index(CandidateKind kind, int group) {
    return static_cast<int>(kind) * kMaxBanksPerChannel + group;
  }
  // Raises the group bound of `kind` to `any` for every group.
  void raise_every_group(CandidateKind kind, Cycle any) {
    Cycle& shared = any_group_[static_cast<int>(kind)];
    shared = std::max(shared, any);
  }
  // ... and to `own` for `group`.
  void raise_groups(CandidateKind kind, int group, Cycle own, Cycle any) {
    raise_every_group(kind, any);
    Cycle& mine = own_group_[own_index(kind, group)];
    mine = std::max(mine, own);
  }
  Cycle faw_ready() const { return acts_seen_ >= 4 ? last_acts_[acts_seen_ % 4] + tFAW_ : 0; }
  void closed_at(Bank& bank, Cycle precharge_cycle);

  // Fixed-size arrays: the registers are read on every scheduling decision.
  int bank_count_;
  int banks_per_group_;
  std::array<Bank, kMaxBanksPerChannel> banks_{};
  int open_banks_ = 0;
  Cycle refpb_any_ = 0;               // last REFpb (any bank) + tRREFD
  Cycle refab_ = 0;                   // every bank's PRE + tRP and ACT + tRC, last REFab + tRFC
  std::array<Cycle, 4> last_acts_{};  // ring of the last four ACT cycles (tFAW)
  std::uint64_t acts_seen_ = 0;
  // The group bounds by command kind: RD: RD + tCCD, WR + CWL + tBL + tWTR; WR: WR + tCCD,
  // RD (any group) + CL + tBL + tRTRS - CWL; ACT: ACT + tRRD, the ACT four back + tFAW; PRE
  // and none: 0 (a PRE has no group bound; a bank without a candidate is never ready by its
  // own bound). The part every group shares (_S delays, tFAW, RD to WR), and by own_index
  // the part of commands to that group (_L delays).
  std::array<Cycle, kCandidateKinds> any_group_{};
  std::array<Cycle, kCandidateKinds * kMaxBanksPerChannel> own_group_{};

  // Delays, as unsigned cycle counts; a negative sum constrains nothing and becomes 0.
  Cycle tRC_, tRAS_, tRP_, tRCDRD_, tRCDWR_, tRRD_S_, tRRD_L_, tFAW_;
  Cycle tCCD_S_, tCCD_L_, tRTP_, write_to_pre_, write_to_rd_S_, write_to_rd_L_, read_to_write_;
  Cycle tRFC_, tRFCpb_, tRREFD_;
};

}  // namespace axsim::mem
