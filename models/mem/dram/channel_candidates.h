// For one queue, the command FR-FCFS would give each bank next, kept up to date as requests
// and commands come and go, so that choosing a command is one pass over the banks instead of
// a walk over the requests.
//
// A bank's candidate is a column command for its oldest request to the open row, a PRE when
// it is open and no queued request wants that row, or an ACT for its oldest request when it
// is closed. Its priority orders candidates as the contract does: column commands before
// row commands, then by the age of the request served; the bank sits in the low bits, so
// the smallest priority also names the bank. A bank without a request has kind `none`,
// priority kNone and a bank bound that is never reached. The bank bound is BankState's bound
// for the candidate's kind, copied here so the pass reads one array; the bank-group part is
// looked up at bound_index in BankState's table.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "models/mem/dram/bank_state.h"
#include "models/mem/dram/channel_queue.h"
#include "models/mem/dram/channel_validation.h"

namespace axsim::mem {

struct QueueCandidates {
  static constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
  // 64 banks at most (kMaxBanksPerChannel); sequence numbers stay far below 2^57.
  static constexpr int kBankBits = 6;
  static constexpr std::uint64_t kRowCommand = std::uint64_t{1} << 63;

  std::array<CandidateKind, kMaxBanksPerChannel> kind{};
  std::array<std::uint64_t, kMaxBanksPerChannel> priority{};
  std::array<Cycle, kMaxBanksPerChannel> bank_bound{};
  std::array<std::uint16_t, kMaxBanksPerChannel> bound_index{};  // into group_bounds()

  QueueCandidates() {
    kind.fill(CandidateKind::none);
    priority.fill(kNone);
    bank_bound.fill(kNeverCycle);
    bound_index.fill(static_cast<std::uint16_t>(BankState::group_bound_index(CandidateKind::none, 0)));
  }

  static int bank_of(std::uint64_t priority) {
    return static_cast<int>(priority & ((std::uint64_t{1} << kBankBits) - 1));
  }

  // Recomputes `bank`'s candidate from the queue (the write queue when `writes`) and the
  // bank state.
  void update(int bank, const RequestQueue& queue, const BankState& banks, bool writes) {
    const auto with_bank = [bank](std::uint64_t seq) {
      return seq << kBankBits | static_cast<std::uint64_t>(bank);
    };
    CandidateKind k = CandidateKind::none;
    std::uint64_t p = kNone;
    if ((queue.busy_banks() >> bank & 1) == 0) {
      // no request: stays none
    } else if (!banks.is_open(bank)) {
      k = CandidateKind::act;
      p = kRowCommand | with_bank(queue.head(bank).seq);
    } else if (queue.hits(bank) > 0) {
      k = writes ? CandidateKind::write : CandidateKind::read;
      p = with_bank(queue.oldest_hit(bank).seq);
    } else {
      k = CandidateKind::pre;
      p = kRowCommand | with_bank(queue.head(bank).seq);
    }
    kind[bank] = k;
    priority[bank] = p;
    bank_bound[bank] = banks.bank_bound(k, bank);
    bound_index[bank] = static_cast<std::uint16_t>(BankState::group_bound_index(k, banks.group_of(bank)));
  }

  // After a command to `bank` that left its open/closed state and this queue as they were:
  // only the bank bound of the candidate can have moved.
  void refresh_bound(int bank, const BankState& banks) {
    bank_bound[bank] = banks.bank_bound(kind[bank], bank);
  }
};

}  // namespace axsim::mem
