// The one random sequence the DRAM models draw from: splitmix64, fixed and portable for a given
// seed (the standard library's distributions are not specified bit for bit, so results would
// differ between standard libraries).
#pragma once

#include <cstdint>

namespace axsim::mem {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace axsim::mem
