// Configuration of the systolic-array accelerator: one MAC array from models/compute, a
// vector unit for everything that is not a MAC, an on-chip SRAM and a DRAM link.
#pragma once

#include "models/compute/systolic_array.h"
#include "models/core/config.h"
#include "models/core/units.h"

namespace axsim::systolic {

struct SystolicConfig {
  core::Frequency clock;
  compute::ArrayConfig array;
  int64_t vector_ops_per_cycle = 0;   // element operations per cycle of the vector unit
  core::Bytes sram_capacity;          // on-chip buffer for activations and weight tiles
  bool weights_resident = false;      // all weights preloaded in SRAM (else streamed per layer)
  core::Bandwidth dram_bandwidth;     // sustained bandwidth of the off-chip link
  core::Time dram_latency;            // per request, before the first byte
  core::Time layer_overhead;          // per layer: instruction issue and synchronisation
  core::Power static_power;           // always on while the run lasts
  int64_t max_tiles_per_layer = 0;    // granularity of the simulated pipeline
};

// Reads the `systolic:` section; every key is required (no silent defaults) except
// weights_resident (false) and max_tiles_per_layer (64).
SystolicConfig parse_systolic_config(const core::Section& section);

}  // namespace axsim::systolic
