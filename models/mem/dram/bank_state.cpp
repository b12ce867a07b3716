#include "models/mem/dram/bank_state.h"

namespace axsim::mem {

namespace {

Cycle cycles(long long delay) { return delay > 0 ? static_cast<Cycle>(delay) : 0; }

void raise(Cycle& reg, Cycle bound) { reg = std::max(reg, bound); }

}  // namespace

BankState::BankState(const ChannelOrg& org, const DramTiming& t)
    : bank_count_(org.banks()),
      banks_per_group_(org.banks_per_group),
      tRC_(cycles(t.tRC)),
      tRAS_(cycles(t.tRAS)),
      tRP_(cycles(t.tRP)),
      tRCDRD_(cycles(t.tRCDRD)),
      tRCDWR_(cycles(t.tRCDWR)),
      tRRD_S_(cycles(t.tRRD_S)),
      tRRD_L_(cycles(t.tRRD_L)),
      tFAW_(cycles(t.tFAW)),
      tCCD_S_(cycles(t.tCCD_S)),
      tCCD_L_(cycles(t.tCCD_L)),
      tRTP_(cycles(t.tRTP)),
      write_to_pre_(cycles(static_cast<long long>(t.CWL) + t.tBL + t.tWR)),
      write_to_rd_S_(cycles(static_cast<long long>(t.CWL) + t.tBL + t.tWTR_S)),
      write_to_rd_L_(cycles(static_cast<long long>(t.CWL) + t.tBL + t.tWTR_L)),
      read_to_write_(cycles(static_cast<long long>(t.CL) + t.tBL + t.tRTRS - t.CWL)),
      tRFC_(cycles(t.tRFC)),
      tRFCpb_(cycles(t.tRFCpb)),
      tRREFD_(cycles(t.tRREFD)) {
  for (int i = 0; i < bank_count_; ++i) banks_[i].group = i / org.banks_per_group;
}

void BankState::activate(int bank, std::uint32_t row, Cycle t) {
  Bank& k = banks_[bank];
  k.open = true;
  k.row = row;
  ++open_banks_;
  raise(bound(bank, CandidateKind::act), t + tRC_);
  raise(bound(bank, CandidateKind::pre), t + tRAS_);
  raise(bound(bank, CandidateKind::read), t + tRCDRD_);
  raise(bound(bank, CandidateKind::write), t + tRCDWR_);
  raise(k.refpb, t + tRC_);
  raise(refab_, t + tRC_);
  last_acts_[acts_seen_ % 4] = t;
  ++acts_seen_;
  // tFAW only grows, as the ACT four back does: raising by it keeps every earlier one.
  raise_groups(CandidateKind::act, k.group, t + tRRD_L_, std::max(t + tRRD_S_, faw_ready()));
}

void BankState::closed_at(Bank& bank, Cycle precharge_cycle) {
  bank.open = false;
  --open_banks_;
  raise(bank.bound[static_cast<int>(CandidateKind::act)], precharge_cycle + tRP_);
  raise(bank.refpb, precharge_cycle + tRP_);
  raise(refab_, precharge_cycle + tRP_);
}

void BankState::precharge(int bank, Cycle t) { closed_at(banks_[bank], t); }

void BankState::read(int bank, Cycle t, bool auto_precharge) {
  Bank& k = banks_[bank];
  raise(bound(bank, CandidateKind::pre), t + tRTP_);
  raise_groups(CandidateKind::read, k.group, t + tCCD_L_, t + tCCD_S_);
  raise_every_group(CandidateKind::write, t + read_to_write_);
  if (auto_precharge) closed_at(k, pre_ready(bank));
}

void BankState::write(int bank, Cycle t, bool auto_precharge) {
  Bank& k = banks_[bank];
  raise(bound(bank, CandidateKind::pre), t + write_to_pre_);
  raise_groups(CandidateKind::write, k.group, t + tCCD_L_, t + tCCD_S_);
  raise_groups(CandidateKind::read, k.group, t + write_to_rd_L_, t + write_to_rd_S_);
  if (auto_precharge) closed_at(k, pre_ready(bank));
}

void BankState::refresh_bank(int bank, Cycle t) {
  Bank& k = banks_[bank];
  raise(bound(bank, CandidateKind::act), t + tRFCpb_);
  raise(k.refpb, t + tRFCpb_);
  raise(k.refresh_until, t + tRFCpb_);
  raise(refpb_any_, t + tRREFD_);
}

void BankState::refresh_all(Cycle t) {
  for (int b = 0; b < bank_count_; ++b) {
    raise(bound(b, CandidateKind::act), t + tRFC_);
    raise(banks_[b].refresh_until, t + tRFC_);
  }
  raise(refab_, t + tRFC_);
}

}  // namespace axsim::mem
