// The fast-mode DRAM model: the same MemoryModel as DramSystem, timed by deriving each
// transfer from the timing, organisation and mapping instead of scheduling every burst. The
// controllers with the most bursts decide when a transfer ends; their streams are timed row
// visit by row visit (fast_schedule.h) over a bounded prefix and extended at the rate that
// prefix settles to, so a transfer costs the same whatever its size. docs/memory.md, "Fast
// mode".
#pragma once

#include <cstdint>
#include <map>
#include <tuple>

#include "models/mem/dram/address_map.h"
#include "models/mem/dram/dram_spec.h"
#include "models/mem/dram/dram_stats.h"
#include "models/mem/dram/fast_schedule.h"
#include "models/mem/memory_model.h"

namespace axsim::mem {

class FastDramModel final : public MemoryModel {
 public:
  explicit FastDramModel(const DramSpec& spec);

  // Transfers are served one after another: one that starts while an earlier one is still
  // in flight waits for it. Times include frontend_latency.
  TransferTiming transfer(const Transfer& transfer) override;

  std::uint64_t capacity_bytes() const override { return map_.capacity_bytes(); }
  core::Bandwidth peak_bandwidth() const override { return spec_.peak_bandwidth(); }
  void report(core::StatGroup& stats) const override;
  void charge_energy(core::EnergyLedger& ledger, const std::string& component,
                     const std::string& layer) const override;

  const DramSpec& spec() const { return spec_; }
  const DramActivity& activity() const { return activity_; }

 private:
  // What a controller's stream settles to depends on its shape, not its length: the
  // controller, the pattern and direction, and where the pattern sits relative to the mapping.
  using Shape = std::tuple<int, AccessPattern, bool, bool, std::uint64_t, std::uint64_t,
                           std::uint64_t, std::uint64_t>;

  DramSpec spec_;
  AddressMap map_;
  DramActivity activity_;
  Cycle free_at_ = 0;
  std::map<Shape, SteadyState> steady_;  // measured once per shape, reused after
};

}  // namespace axsim::mem
