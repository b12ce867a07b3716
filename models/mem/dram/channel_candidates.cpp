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
// Four banks per step on the 32-bit offsets. SSE2 compares signed 32-bit lanes only, so
// offsets are compared with their top bit flipped (unsigned order as signed). The banks past
// `banks` up to the next multiple of four read as never ready. The best priority is then
// looked up for the legal banks alone (one, most of the time).
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  const __m128i flip = _mm_set1_epi32(static_cast<int>(0x80000000u));
  const auto now32 = static_cast<std::uint32_t>(t - epoch);  // below kRebaseAfter
  const __m128i now = _mm_set1_epi32(static_cast<int>(now32 ^ 0x80000000u));
  const __m128i never = _mm_set1_epi32(static_cast<int>(kNever32 ^ 0x80000000u));
  const auto select = [](__m128i mask, __m128i a, __m128i b) {
    return _mm_or_si128(_mm_and_si128(mask, a), _mm_andnot_si128(mask, b));
  };
  __m128i lowest = never;  // per lane: the smallest offset not legal yet, top bit flipped
  std::uint64_t legal = 0;
  for (int b = 0; b < banks; b += 4) {
    const __m128i offsets =
        _mm_xor_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(ready32.data() + b)), flip);
    const __m128i later = _mm_cmpgt_epi32(offsets, now);
    const auto lanes_later = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(later)));
    legal |= static_cast<std::uint64_t>(~lanes_later & 0xFu) << b;
    const __m128i waiting = select(later, offsets, never);
    lowest = select(_mm_cmplt_epi32(waiting, lowest), waiting, lowest);
  }
  // The smallest of the four lanes: against the lanes two, then one, away.
  const auto keep_lower = [&](__m128i other) {
    lowest = select(_mm_cmplt_epi32(other, lowest), other, lowest);
  };
  keep_lower(_mm_shuffle_epi32(lowest, _MM_SHUFFLE(1, 0, 3, 2)));
  keep_lower(_mm_shuffle_epi32(lowest, _MM_SHUFFLE(2, 3, 0, 1)));
  const std::uint32_t first = static_cast<std::uint32_t>(_mm_cvtsi128_si32(lowest)) ^ 0x80000000u;

  Scan s;
  for (std::uint64_t rest = legal; rest != 0; rest &= rest - 1) {
    s.best = std::min(s.best, priority[__builtin_ctzll(rest)]);
  }
  s.legal = (legal != 0 ? 1 : 0) + ((legal & (legal - 1)) != 0 ? 1 : 0);
  s.earliest = first == kNever32 ? kNeverCycle : epoch + first;
  return s;
}
#else
// Without SSE2 the vector pass is the scalar one.
QueueCandidates::Scan QueueCandidates::scan_vector(Cycle t, int banks) const {
  return scan_scalar(t, banks);
}
#endif

}  // namespace axsim::mem
