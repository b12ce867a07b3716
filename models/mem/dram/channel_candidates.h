// For one queue, the command FR-FCFS would give each bank next, kept up to date as requests
// and commands come and go, so that choosing a command is one branch-free pass over the
// banks instead of a walk over the requests.
//
// A bank's candidate is a column command for its oldest request to the open row, a PRE when
// it is open and no queued request wants that row, or an ACT for its oldest request when it
// is closed. Its priority orders candidates as the contract does: column commands before
// row commands, then by the age of the request served; the bank sits in the low bits, so
// the smallest priority also names the bank. Its bank bound is the part of its earliest
// legal cycle that only commands to this bank change; the bank-group and channel part,
// which every command moves, is looked up at bound_index in the controller's table when
// choosing.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "models/mem/dram/bank_state.h"
#include "models/mem/dram/channel_queue.h"
#include "models/mem/dram/channel_validation.h"

namespace axsim::mem {

// The values index the controller's table of bank-group bounds (none has no entry).
enum class CandidateKind : std::uint8_t { read, write, pre, act, none };
constexpr int kCandidateKinds = 4;  // all but none

struct QueueCandidates {
  static constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
  // 64 banks at most (kMaxBanksPerChannel); sequence numbers stay far below 2^57.
  static constexpr int kBankBits = 6;
  static constexpr std::uint64_t kRowCommand = std::uint64_t{1} << 63;

  std::array<CandidateKind, kMaxBanksPerChannel> kind{};  // none until update()
  std::array<std::uint64_t, kMaxBanksPerChannel> priority{};
  std::array<Cycle, kMaxBanksPerChannel> bank_bound{};
  std::array<std::uint16_t, kMaxBanksPerChannel> bound_index{};  // kind * 64 + bank group

  QueueCandidates() {
    kind.fill(CandidateKind::none);
    priority.fill(kNone);
  }

  static int bank_of(std::uint64_t priority) {
    return static_cast<int>(priority & ((std::uint64_t{1} << kBankBits) - 1));
  }

  // Recomputes `bank`'s candidate from the queue (the write queue when `writes`) and the
  // bank state.
  void update(int bank, const RequestQueue& queue, const BankState& banks, bool writes) {
    if ((queue.busy_banks() >> bank & 1) == 0) {
      kind[bank] = CandidateKind::none;
      priority[bank] = kNone;
      return;
    }
    const auto with_bank = [bank](std::uint64_t seq) {
      return seq << kBankBits | static_cast<std::uint64_t>(bank);
    };
    if (!banks.is_open(bank)) {
      kind[bank] = CandidateKind::act;
      priority[bank] = kRowCommand | with_bank(queue.head(bank).seq);
      bank_bound[bank] = banks.act_bank_bound(bank);
    } else if (queue.hits(bank) > 0) {
      kind[bank] = writes ? CandidateKind::write : CandidateKind::read;
      priority[bank] = with_bank(queue.oldest_hit(bank).seq);
      bank_bound[bank] = writes ? banks.wr_bank_bound(bank) : banks.rd_bank_bound(bank);
    } else {
      kind[bank] = CandidateKind::pre;
      priority[bank] = kRowCommand | with_bank(queue.head(bank).seq);
      bank_bound[bank] = banks.pre_ready(bank);
    }
    bound_index[bank] = static_cast<std::uint16_t>(
        static_cast<int>(kind[bank]) * kMaxBanksPerChannel + banks.group_of(bank));
  }
};

}  // namespace axsim::mem
