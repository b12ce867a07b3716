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
// A candidate is ready at the latest of three bounds (bank_state.h): its bank's own, the
// part of the group bound every bank group shares, and the part of its own bank group (the
// last two for the candidate's kind; a PRE has neither). They are kept apart because a
// command moves the own bound of its bank, the shared part for one or two kinds, and the
// group part of its own group only: the controller sets the one bank's candidate, then
// regroups the kind for the command's group, which touches one value and the banks of one
// group. The own part is never while a pending refresh holds the bank back, and for a bank
// without a candidate.
//
// The pass (scan) reads the parts as 16-bit offsets from an epoch and takes the latest,
// eight banks to an SSE2 instruction where the target has SSE2 (scan_scalar elsewhere).
// Sixteen bits are enough: the epoch follows the current cycle within 2^14 cycles, and a
// bound more than 2^15 cycles ahead (none of the timing values comes near) is clamped,
// which can only make the controller look again early.
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
  // From the top: the row-command bit, the sequence number of the request served (far below
  // 2^54), the candidate's kind (3 bits) and its bank (64 banks at most,
  // kMaxBanksPerChannel). Sequence numbers are unique, so the kind never decides an order;
  // it sits there so that the best priority names the command without another look-up.
  static constexpr int kBankBits = 6;
  static constexpr int kKindBits = 3;
  static constexpr std::uint64_t kRowCommand = std::uint64_t{1} << 63;
  // Offsets: never, and the largest kept (later cycles are clamped to it: a lower bound that
  // is never legal while the current cycle is within kRebaseAfter of the epoch). Offsets are
  // non-negative, so the signed 16-bit compares of SSE2 order them.
  static constexpr std::int16_t kNever16 = 0x7FFF;
  static constexpr std::int16_t kFar16 = 0x7FFE;
  static constexpr Cycle kRebaseAfter = Cycle{1} << 14;
  using Offsets = std::array<std::int16_t, kMaxBanksPerChannel>;

  // `column` is the queue's column command: read for the read queue, write for the other.
  explicit QueueCandidates(CandidateKind column) : column_kind(column) {
    kind.fill(CandidateKind::none);
    priority.fill(kNone);
    own.fill(kNever16);
  }

  CandidateKind column_kind;
  std::array<CandidateKind, kMaxBanksPerChannel> kind{};
  // By bank, and kNone after the last bank.
  std::array<std::uint64_t, kMaxBanksPerChannel + 1> priority{};
  // By bank, as offsets from the epoch: the own part of its candidate's bound, and its
  // group's part for a column command and for an ACT; all ones in is_column or is_act
  // where the candidate is of that kind, zeros elsewhere. Then the shared parts.
  alignas(16) Offsets own{};
  alignas(16) Offsets column_group{};
  alignas(16) Offsets act_group{};
  alignas(16) Offsets is_column{};
  alignas(16) Offsets is_act{};
  std::int16_t column_any = 0;
  std::int16_t act_any = 0;
  Cycle epoch = 0;

  static int bank_of(std::uint64_t priority) {
    return static_cast<int>(priority & ((std::uint64_t{1} << kBankBits) - 1));
  }
  static CandidateKind kind_of(std::uint64_t priority) {
    return static_cast<CandidateKind>(priority >> kBankBits & ((1u << kKindBits) - 1));
  }
  // The priority of a candidate of kind k (not none) serving request `seq` at `bank`.
  static std::uint64_t priority_of(CandidateKind k, std::uint64_t seq, int bank) {
    const bool row_command = k == CandidateKind::act || k == CandidateKind::pre;
    return (row_command ? kRowCommand : 0) | seq << (kBankBits + kKindBits) |
           static_cast<std::uint64_t>(k) << kBankBits | static_cast<std::uint64_t>(bank);
  }

  // Recomputes `bank`'s candidate from the queue, the bank state and the banks a pending
  // refresh holds back.
  void update(int bank, const RequestQueue& queue, const BankState& banks, std::uint64_t held) {
    CandidateKind k = CandidateKind::none;
    std::uint64_t p = kNone;
    if ((queue.busy_banks() >> bank & 1) == 0) {
      // no request: stays none
    } else if (!banks.is_open(bank)) {
      k = CandidateKind::act;
      p = priority_of(k, queue.head(bank).seq, bank);
    } else if (queue.hits(bank) > 0) {
      k = column_kind;
      p = priority_of(k, queue.oldest_hit(bank).seq, bank);
    } else {
      k = CandidateKind::pre;
      p = priority_of(k, queue.head(bank).seq, bank);
    }
    set(bank, k, p, banks, held);
  }

  // Gives `bank` the candidate of kind k with priority p, when the caller knows them: an ACT
  // leaves a column command for the request it opened the row for, a PRE an ACT for the
  // request it closed the row for.
  void set(int bank, CandidateKind k, std::uint64_t p, const BankState& banks, std::uint64_t held) {
    kind[bank] = k;
    priority[bank] = p;
    is_column[bank] = static_cast<std::int16_t>(-static_cast<int>(k == column_kind));
    is_act[bank] = static_cast<std::int16_t>(-static_cast<int>(k == CandidateKind::act));
    own[bank] = offset(own_bound(bank, banks, held));
  }

  // The shared part of kind `k` (column_kind or act) and its part for `group` again, after
  // a command to that group moved them.
  void regroup(CandidateKind k, int group, const BankState& banks) {
    const bool act = k == CandidateKind::act;
    (act ? act_any : column_any) = offset(banks.any_group(k));
    const int n = banks.banks_per_group();
    std::fill_n((act ? act_group : column_group).data() + group * n, n,
                offset(banks.own_group(k, group)));
  }

  // The own parts of `which` banks again, after the held banks changed.
  void reown(std::uint64_t which, const BankState& banks, std::uint64_t held) {
    for (std::uint64_t rest = which; rest != 0; rest &= rest - 1) {
      const int b = __builtin_ctzll(rest);
      own[b] = offset(own_bound(b, banks, held));
    }
  }

  // Moves the epoch to `t` and recomputes the group parts and the own parts of the `owned`
  // banks (the caller sets the others' candidates afterwards); scan needs
  // t - epoch < kRebaseAfter.
  void rebase(Cycle t, const BankState& banks, std::uint64_t held, std::uint64_t owned) {
    epoch = t;
    for (int g = 0; g < banks.groups(); ++g) {
      regroup(column_kind, g, banks);
      regroup(CandidateKind::act, g, banks);
    }
    reown(owned, banks, held);
  }

  // When timing allows `bank`'s candidate, exactly; never while a refresh holds the bank
  // back or without a candidate.
  Cycle ready_of(int bank, const BankState& banks, std::uint64_t held) const {
    return banks.ready(kind[bank], bank) | held_mask(bank, held);
  }
  // The same as the pass reads it.
  std::int16_t ready16(int bank) const {
    const std::int16_t column = std::max(column_group[bank], column_any);
    const std::int16_t act = std::max(act_group[bank], act_any);
    return std::max(own[bank],
                    static_cast<std::int16_t>((column & is_column[bank]) | (act & is_act[bank])));
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

  // What one pass over the first `banks` banks finds at cycle t: the smallest priority among
  // the legal candidates (kNone if none), which are legal, and while fewer than two are, the
  // first cycle at which one that is not legal becomes legal (kNever if none; scan may return
  // an earlier cycle for one more than 2^15 cycles away).
  struct Scan {
    std::uint64_t best = kNone;
    Cycle earliest = kNeverCycle;
    std::uint64_t legal_banks = 0;    // bit b set when bank b's candidate is legal
    std::uint64_t legal_columns = 0;  // ... and a column command
    std::uint64_t legal_acts = 0;     // ... and an ACT
  };
  Scan scan(Cycle t, int banks) const;
  // The smallest ready cycle of the first `banks` banks (kNever if none; may be earlier for
  // one more than 2^15 cycles away).
  Cycle first_ready(int banks) const;
  Scan scan_scalar(Cycle t, int banks) const;
  Scan scan_vector(Cycle t, int banks) const;  // scan_scalar where there is no SSE2
  Cycle first_ready_scalar(int banks) const;
  Cycle first_ready_vector(int banks) const;  // first_ready_scalar where there is no SSE2

 private:
  static Cycle held_mask(int bank, std::uint64_t held) {
    return -static_cast<Cycle>(held >> bank & 1);
  }
  Cycle own_bound(int bank, const BankState& banks, std::uint64_t held) const {
    return banks.bank_bound(kind[bank], bank) | held_mask(bank, held);
  }
  Cycle cycle_of(std::int16_t offset) const {
    return offset == kNever16 ? kNeverCycle : epoch + static_cast<Cycle>(offset);
  }
};

}  // namespace axsim::mem
