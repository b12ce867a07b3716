// For one queue, the command FR-FCFS would give each bank next and the earliest cycle at
// which timing allows it, kept up to date as requests and commands come and go, so that
// choosing a command is one short branch-free pass over the banks instead of a walk over the
// requests.
//
// A bank's candidate is a column command for its oldest request to the open row, a PRE when
// it is open and no queued request wants that row, or an ACT for its oldest request when it
// is closed. Its priority orders candidates as the contract does: column commands before
// row commands, then by the age of the request served; the bank sits in the low bits, so
// the smallest priority also names the bank. A bank without a request has kind `none`,
// priority kNone and a ready cycle that never comes.
//
// `ready` is the max of the bank's bound and its bank group's bound for the candidate's
// kind, or kNever while a pending refresh holds the bank back. A command moves the bank
// bounds of its own bank only, so the controller updates (or sets) that bank's candidate;
// it moves group bounds for a whole command kind, so the controller calls rebound_kind() for
// the banks whose candidates are of that kind (of_kind).
//
// The pass (scan) reads the ready cycles as 16-bit offsets from an epoch, eight banks to an
// SSE2 instruction where the target has SSE2; scan_scalar is the same pass on the 64-bit
// cycles, for other targets and as the reference the tests hold the vector pass to. Sixteen
// bits are enough: the epoch follows the current cycle within 2^14 cycles, and a bound more
// than 2^15 cycles ahead (none of the timing values comes near) is clamped, which can only
// make the controller look again early.
#pragma once

#include <algorithm>
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
  // ready16: never, and the largest offset kept (later cycles are clamped to it: a lower
  // bound that is never legal while the current cycle is within kRebaseAfter of the epoch).
  // Offsets are non-negative, so the signed 16-bit compares of SSE2 order them.
  static constexpr std::int16_t kNever16 = 0x7FFF;
  static constexpr std::int16_t kFar16 = 0x7FFE;
  static constexpr Cycle kRebaseAfter = Cycle{1} << 14;

  std::array<CandidateKind, kMaxBanksPerChannel> kind{};
  std::array<std::uint64_t, kMaxBanksPerChannel> priority{};
  std::array<Cycle, kMaxBanksPerChannel> ready{};
  alignas(16) std::array<std::int16_t, kMaxBanksPerChannel> ready16{};  // ready - epoch
  Cycle epoch = 0;
  std::array<std::uint64_t, kCandidateKinds> of_kind{};  // bit b set when kind[b] is that kind

  QueueCandidates() {
    kind.fill(CandidateKind::none);
    priority.fill(kNone);
    ready.fill(kNeverCycle);
    ready16.fill(kNever16);
    of_kind[static_cast<int>(CandidateKind::none)] = ~std::uint64_t{0};
  }

  static int bank_of(std::uint64_t priority) {
    return static_cast<int>(priority & ((std::uint64_t{1} << kBankBits) - 1));
  }

  // Recomputes `bank`'s candidate from the queue (the write queue when `writes`), the bank
  // state and the banks a pending refresh holds back.
  void update(int bank, const RequestQueue& queue, const BankState& banks, bool writes,
              std::uint64_t held) {
    CandidateKind k = CandidateKind::none;
    std::uint64_t p = kNone;
    if ((queue.busy_banks() >> bank & 1) == 0) {
      // no request: stays none
    } else if (!banks.is_open(bank)) {
      k = CandidateKind::act;
      p = priority_of(true, queue.head(bank).seq, bank);
    } else if (queue.hits(bank) > 0) {
      k = writes ? CandidateKind::write : CandidateKind::read;
      p = priority_of(false, queue.oldest_hit(bank).seq, bank);
    } else {
      k = CandidateKind::pre;
      p = priority_of(true, queue.head(bank).seq, bank);
    }
    set(bank, k, p, banks, held);
  }

  // Gives `bank` the candidate of kind k with priority p, when the caller knows them: an ACT
  // leaves a column command for the request it opened the row for, a PRE an ACT for the
  // request it closed the row for.
  void set(int bank, CandidateKind k, std::uint64_t p, const BankState& banks, std::uint64_t held) {
    const std::uint64_t bit = std::uint64_t{1} << bank;
    of_kind[static_cast<int>(kind[bank])] &= ~bit;
    of_kind[static_cast<int>(k)] |= bit;
    kind[bank] = k;
    priority[bank] = p;
    set_ready(bank, ready_of(k, bank, banks, held));
  }
  static std::uint64_t priority_of(bool row_command, std::uint64_t seq, int bank) {
    return (row_command ? kRowCommand : 0) | seq << kBankBits | static_cast<std::uint64_t>(bank);
  }

  // The ready cycles of the candidates of kind `k` again, after a command moved the group
  // bounds of that kind.
  void rebound_kind(CandidateKind k, const BankState& banks, std::uint64_t held) {
    for (std::uint64_t rest = of_kind[static_cast<int>(k)]; rest != 0; rest &= rest - 1) {
      const int b = __builtin_ctzll(rest);
      set_ready(b, ready_of(k, b, banks, held));
    }
  }

  // The ready cycles of `which` banks again, after the held banks changed or for all.
  void rebound(std::uint64_t which, const BankState& banks, std::uint64_t held) {
    for (std::uint64_t rest = which; rest != 0; rest &= rest - 1) {
      const int b = __builtin_ctzll(rest);
      set_ready(b, ready_of(kind[b], b, banks, held));
    }
  }

  // Sets a bank's ready cycle, both forms.
  void set_ready(int bank, Cycle cycle) {
    ready[bank] = cycle;
    ready16[bank] = offset(cycle);
  }

  // Moves the epoch to `t`; scan needs t - epoch < kRebaseAfter.
  void rebase(Cycle t) {
    epoch = t;
    for (int b = 0; b < kMaxBanksPerChannel; ++b) ready16[b] = offset(ready[b]);
  }

  // What one pass over the first `banks` banks finds at cycle t: the smallest priority among
  // the legal candidates (kNone if none), how many are legal (2 for two or more), and while
  // fewer than two are, the first cycle at which one that is not legal becomes legal
  // (kNever if none; scan may return an earlier cycle for one more than 2^15 cycles away).
  struct Scan {
    std::uint64_t best = kNone;
    Cycle earliest = kNeverCycle;
    int legal = 0;
  };
  Scan scan(Cycle t, int banks) const;
  // The smallest ready cycle of the first `banks` banks (kNever if none; may be earlier for
  // one more than 2^15 cycles away).
  Cycle first_ready(int banks) const;
  Scan scan_scalar(Cycle t, int banks) const;
  Scan scan_vector(Cycle t, int banks) const;  // scan_scalar where there is no SSE2

 private:
  // When timing allows a `k` command to `bank`; never while a refresh holds the bank back.
  static Cycle ready_of(CandidateKind k, int bank, const BankState& banks, std::uint64_t held) {
    return banks.ready(k, bank) | -static_cast<Cycle>(held >> bank & 1);
  }
  // A cycle at or before the epoch is 0, one past kFar16 is kFar16, and never (clamped to
  // kFar16 first) gets the low bit that makes it kNever16; without branches, since which
  // case holds depends on the traffic.
  std::int16_t offset(Cycle cycle) const {
    static_assert(kNever16 == (kFar16 | 1));
    const auto clamped =
        static_cast<std::int16_t>(std::min<Cycle>(std::max(cycle, epoch) - epoch, kFar16));
    return static_cast<std::int16_t>(clamped | static_cast<std::int16_t>(cycle == kNeverCycle));
  }
};

}  // namespace axsim::mem
