#include "models/mem/dram/channel_candidates.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace axsim::mem {

QueueCandidates::Scan QueueCandidates::scan(Cycle t, int banks) const {
#if defined(__SSE2__)
  return scan_vector(t, banks);
#else
  return scan_scalar(t, banks);
#endif
}

Cycle QueueCandidates::first_ready(int banks) const {
#if defined(__SSE2__)
  return first_ready_vector(banks);
#else
  return first_ready_scalar(banks);
#endif
}

// Every bank once, without a branch on its values (a bank without a candidate, or held
// back, is never ready): a loop of fixed length the predictor always gets right.
QueueCandidates::Scan QueueCandidates::scan_scalar(Cycle t, int banks) const {
  const auto now = static_cast<std::int16_t>(t - epoch);  // below kRebaseAfter
  std::uint64_t best = kNone;
  std::int16_t lowest = kNever16;
  std::uint64_t legal_banks = 0;
  std::uint64_t columns = 0;
  std::uint64_t acts = 0;
  for (int b = 0; b < banks; ++b) {
    const std::int16_t r = ready16(b);
    const bool legal = r <= now;
    columns |= static_cast<std::uint64_t>(is_column[b] & 1) << b;
    acts |= static_cast<std::uint64_t>(is_act[b] & 1) << b;
    // All ones when legal: masks out the priority of a candidate that is not legal.
    best = std::min(best, priority[b] | ~(std::uint64_t{0} - legal));
    lowest = std::min(lowest, legal ? kNever16 : r);
    legal_banks |= static_cast<std::uint64_t>(legal) << b;
  }
  return {best, cycle_of(lowest), legal_banks, legal_banks & columns, legal_banks & acts};
}

Cycle QueueCandidates::first_ready_scalar(int banks) const {
  std::int16_t lowest = kNever16;
  for (int b = 0; b < banks; ++b) lowest = std::min(lowest, ready16(b));
  return cycle_of(lowest);
}

#if defined(__SSE2__)
namespace {

__m128i load8(const QueueCandidates::Offsets& offsets, int first) {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(offsets.data() + first));
}

// One bit per bank of the sixteen from `first`, set where the mask is all ones.
unsigned bits16(const QueueCandidates::Offsets& masks, int first) {
  return static_cast<unsigned>(
      _mm_movemask_epi8(_mm_packs_epi16(load8(masks, first), load8(masks, first + 8))));
}

// The shared parts, in every lane.
struct Shared {
  explicit Shared(const QueueCandidates& c)
      : column(_mm_set1_epi16(c.column_any)), act(_mm_set1_epi16(c.act_any)) {}
  __m128i column;
  __m128i act;
};

// The ready offsets of banks first .. first + 7: the latest of the own part and the two
// group parts of the candidate's kind.
__m128i ready8(const QueueCandidates& c, const Shared& shared, int first) {
  const __m128i column = _mm_and_si128(_mm_max_epi16(load8(c.column_group, first), shared.column),
                                       load8(c.is_column, first));
  const __m128i act =
      _mm_and_si128(_mm_max_epi16(load8(c.act_group, first), shared.act), load8(c.is_act, first));
  return _mm_max_epi16(load8(c.own, first), _mm_or_si128(column, act));
}

// The smallest of eight lanes: against the lanes four, two, then one away.
std::int16_t lowest_lane(__m128i v) {
  v = _mm_min_epi16(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
  v = _mm_min_epi16(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
  v = _mm_min_epi16(v, _mm_shufflelo_epi16(v, _MM_SHUFFLE(2, 3, 0, 1)));
  return static_cast<std::int16_t>(_mm_cvtsi128_si32(v));
}

}  // namespace

// Sixteen banks per step. The banks past `banks` up to the next multiple of sixteen read as
// never ready (their own parts are never).
Cycle QueueCandidates::first_ready_vector(int banks) const {
  const Shared shared(*this);
  __m128i lowest = _mm_set1_epi16(kNever16);
  for (int b = 0; b < banks; b += 16) {
    lowest = _mm_min_epi16(lowest,
                           _mm_min_epi16(ready8(*this, shared, b), ready8(*this, shared, b + 8)));
  }
  return cycle_of(lowest_lane(lowest));
}

// Sixteen banks per step, as first_ready; a legal bank's offset is raised to never before
// the minimum, so that the minimum is over the banks not legal yet. The best priority is
// then looked up for the legal banks alone (one, most of the time).
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  const __m128i now = _mm_set1_epi16(static_cast<std::int16_t>(t - epoch));  // < kRebaseAfter
  const __m128i never = _mm_set1_epi16(kNever16);
  const Shared shared(*this);
  __m128i lowest = never;
  std::uint64_t legal = 0;
  std::uint64_t columns = 0;
  std::uint64_t acts = 0;
  for (int b = 0; b < banks; b += 16) {
    const __m128i low = ready8(*this, shared, b);
    const __m128i high = ready8(*this, shared, b + 8);
    // The kinds do not depend on t: known before the ready cycles are.
    columns |= static_cast<std::uint64_t>(bits16(is_column, b)) << b;
    acts |= static_cast<std::uint64_t>(bits16(is_act, b)) << b;
    const __m128i later_low = _mm_cmpgt_epi16(low, now);
    const __m128i later_high = _mm_cmpgt_epi16(high, now);
    // One bit per bank: the compares' all-ones and zeros survive the saturating pack.
    const auto later =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_packs_epi16(later_low, later_high)));
    legal |= static_cast<std::uint64_t>(~later & 0xFFFFu) << b;
    lowest = _mm_min_epi16(lowest, _mm_max_epi16(low, _mm_andnot_si128(later_low, never)));
    lowest = _mm_min_epi16(lowest, _mm_max_epi16(high, _mm_andnot_si128(later_high, never)));
  }
  Scan s;
  // The first two legal banks without a loop (slot kMaxBanksPerChannel stands for none),
  // then any others.
  const std::uint64_t second = legal & (legal - 1);
  const auto bank_or_none = [](std::uint64_t bits) {
    return bits != 0 ? __builtin_ctzll(bits) : kMaxBanksPerChannel;
  };
  s.best = std::min(priority[bank_or_none(legal)], priority[bank_or_none(second)]);
  for (std::uint64_t rest = second & (second - 1); rest != 0; rest &= rest - 1) {
    s.best = std::min(s.best, priority[__builtin_ctzll(rest)]);
  }
  s.legal_banks = legal;
  s.legal_columns = legal & columns;
  s.legal_acts = legal & acts;
  s.earliest = cycle_of(lowest_lane(lowest));
  return s;
}
#else
// Without SSE2 the vector passes are the scalar ones.
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  return scan_scalar(t, banks);
}
Cycle QueueCandidates::first_ready_vector(int banks) const { return first_ready_scalar(banks); }
#endif

}  // namespace axsim::mem
