// What a timing-only generic payload cannot say by itself: the shape of the access (pattern,
// stride, chunk, seed, span), who asked for it, and, on the way back, why it failed. An
// initiator that moves one contiguous block needs no extension at all.
#pragma once

#include <cstdint>
#include <string>
#include <tlm>

#include "models/mem/memory_model.h"

namespace axsim::mem {

class TransferExtension : public tlm::tlm_extension<TransferExtension> {
 public:
  AccessPattern pattern = AccessPattern::sequential;
  std::uint64_t stride_bytes = 0;  // strided only
  std::uint64_t chunk_bytes = 0;   // strided only
  std::uint64_t seed = 1;          // random only
  std::uint64_t span_bytes = 0;    // random only; 0: the transfer's own bytes
  std::string initiator;           // named in error messages; empty: the calling module
  std::string error;               // set by the target when the response is not OK

  tlm::tlm_extension_base* clone() const override { return new TransferExtension(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const TransferExtension&>(other);
  }
};

}  // namespace axsim::mem
