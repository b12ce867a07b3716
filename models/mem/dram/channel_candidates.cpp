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

// Every bank once, without a branch on its values (a bank without a candidate, or held
// back, is never ready): a loop of fixed length the predictor always gets right.
QueueCandidates::Scan QueueCandidates::scan_scalar(Cycle t, int banks) const {
  static_assert(kNone == ~std::uint64_t{0} && kNeverCycle == ~Cycle{0});
  std::uint64_t best = kNone;
  Cycle earliest = kNeverCycle;
  int legal_count = 0;
  for (int b = 0; b < banks; ++b) {
    const Cycle r = ready[b];
    // All ones when legal: masks out the priority of an illegal candidate and the ready
    // cycle of a legal one, without a branch the compiler might emit for a ?: .
    const std::uint64_t legal = -static_cast<std::uint64_t>(r <= t);
    best = std::min(best, priority[b] | ~legal);
    earliest = std::min(earliest, r | legal);
    legal_count += static_cast<int>(legal & 1);
  }
  return {best, earliest, std::min(legal_count, 2)};
}

#if defined(__SSE2__)
namespace {

const __m128i* eight(const std::int16_t* offsets) {
  return reinterpret_cast<const __m128i*>(offsets);
}

// The smallest of eight lanes: against the lanes four, two, then one away.
std::int16_t lowest_lane(__m128i v) {
  v = _mm_min_epi16(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
  v = _mm_min_epi16(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
  v = _mm_min_epi16(v, _mm_shufflelo_epi16(v, _MM_SHUFFLE(2, 3, 0, 1)));
  return static_cast<std::int16_t>(_mm_cvtsi128_si32(v));
}

Cycle cycle_of(Cycle epoch, std::int16_t offset) {
  return offset == QueueCandidates::kNever16 ? kNeverCycle
                                             : epoch + static_cast<Cycle>(offset);
}

}  // namespace

// Sixteen banks per step. The banks past `banks` up to the next multiple of sixteen read as
// never ready.
Cycle QueueCandidates::first_ready(int banks) const {
  __m128i lowest = _mm_set1_epi16(kNever16);
  for (int b = 0; b < banks; b += 16) {
    lowest = _mm_min_epi16(lowest, _mm_load_si128(eight(ready16.data() + b)));
    lowest = _mm_min_epi16(lowest, _mm_load_si128(eight(ready16.data() + b + 8)));
  }
  return cycle_of(epoch, lowest_lane(lowest));
}

// Sixteen banks per step, as first_ready; a legal bank's offset is raised to never before
// the minimum, so that the minimum is over the banks not legal yet. The best priority is
// then looked up for the legal banks alone (one, most of the time).
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  const __m128i now = _mm_set1_epi16(static_cast<std::int16_t>(t - epoch));  // < kRebaseAfter
  const __m128i never = _mm_set1_epi16(kNever16);
  __m128i lowest = never;
  std::uint64_t legal = 0;
  for (int b = 0; b < banks; b += 16) {
    const __m128i low = _mm_load_si128(eight(ready16.data() + b));
    const __m128i high = _mm_load_si128(eight(ready16.data() + b + 8));
    const __m128i later_low = _mm_cmpgt_epi16(low, now);
    const __m128i later_high = _mm_cmpgt_epi16(high, now);
    // One bit per bank: the compares' all-ones and zeros survive the saturating pack.
    const auto later = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_packs_epi16(later_low, later_high)));
    legal |= static_cast<std::uint64_t>(~later & 0xFFFFu) << b;
    lowest = _mm_min_epi16(lowest, _mm_max_epi16(low, _mm_andnot_si128(later_low, never)));
    lowest = _mm_min_epi16(lowest, _mm_max_epi16(high, _mm_andnot_si128(later_high, never)));
  }
  Scan s;
  for (std::uint64_t rest = legal; rest != 0; rest &= rest - 1) {
    s.best = std::min(s.best, priority[__builtin_ctzll(rest)]);
  }
  s.legal = (legal != 0 ? 1 : 0) + ((legal & (legal - 1)) != 0 ? 1 : 0);
  s.earliest = cycle_of(epoch, lowest_lane(lowest));
  return s;
}
#else
Cycle QueueCandidates::first_ready(int banks) const {
  Cycle first = kNeverCycle;
  for (int b = 0; b < banks; ++b) first = std::min(first, ready[b]);
  return first;
}

// Without SSE2 the vector pass is the scalar one.
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  return scan_scalar(t, banks);
}
#endif

}  // namespace axsim::mem
