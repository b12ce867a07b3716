#include "models/mem/dram/channel_candidates.h"

#if defined(__SSE2__)
#include <emmintrin.h>

#include <climits>
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

// Flips the top bit of each lane: SSE2 compares signed 32-bit lanes only, and unsigned
// offsets with their top bit flipped compare as signed in the unsigned order.
__m128i flip_top(__m128i v) { return _mm_xor_si128(v, _mm_set1_epi32(INT32_MIN)); }

__m128i select(__m128i mask, __m128i a, __m128i b) {
  return _mm_or_si128(_mm_and_si128(mask, a), _mm_andnot_si128(mask, b));
}

// The smallest of four lanes (compared signed), in every lane: against the lanes two, then
// one, away.
__m128i lowest_lane(__m128i v) {
  __m128i other = _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2));
  v = select(_mm_cmplt_epi32(other, v), other, v);
  other = _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1));
  return select(_mm_cmplt_epi32(other, v), other, v);
}

__m128i load_offsets(const std::uint32_t* four) {
  return flip_top(_mm_load_si128(reinterpret_cast<const __m128i*>(four)));
}

Cycle cycle_of(Cycle epoch, __m128i lowest_flipped) {
  const std::uint32_t offset =
      static_cast<std::uint32_t>(_mm_cvtsi128_si32(lowest_lane(lowest_flipped))) ^ 0x80000000u;
  return offset == QueueCandidates::kNever32 ? kNeverCycle : epoch + offset;
}

}  // namespace

Cycle QueueCandidates::first_ready(int banks) const {
  __m128i lowest = _mm_set1_epi32(INT32_MAX);  // kNever32, top bit flipped
  for (int b = 0; b < banks; b += 4) {
    const __m128i offsets = load_offsets(ready32.data() + b);
    lowest = select(_mm_cmplt_epi32(offsets, lowest), offsets, lowest);
  }
  return cycle_of(epoch, lowest);
}

// Four banks per step on the 32-bit offsets (top bits flipped). The banks past `banks` up to
// the next multiple of four read as never ready. The best priority is then looked up for the
// legal banks alone (one, most of the time).
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  const auto now32 = static_cast<std::uint32_t>(t - epoch);  // below kRebaseAfter
  const __m128i now = flip_top(_mm_set1_epi32(static_cast<int>(now32)));
  const __m128i never = _mm_set1_epi32(INT32_MAX);  // kNever32, top bit flipped
  __m128i lowest = never;                           // per lane: the smallest offset not legal yet
  std::uint64_t legal = 0;
  for (int b = 0; b < banks; b += 4) {
    const __m128i offsets = load_offsets(ready32.data() + b);
    const __m128i later = _mm_cmpgt_epi32(offsets, now);
    const auto lanes_later = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(later)));
    legal |= static_cast<std::uint64_t>(~lanes_later & 0xFu) << b;
    const __m128i waiting = select(later, offsets, never);
    lowest = select(_mm_cmplt_epi32(waiting, lowest), waiting, lowest);
  }
  Scan s;
  for (std::uint64_t rest = legal; rest != 0; rest &= rest - 1) {
    s.best = std::min(s.best, priority[__builtin_ctzll(rest)]);
  }
  s.legal = (legal != 0 ? 1 : 0) + ((legal & (legal - 1)) != 0 ? 1 : 0);
  s.earliest = cycle_of(epoch, lowest);
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
