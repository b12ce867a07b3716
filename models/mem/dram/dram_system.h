// The detailed-mode DRAM model: one ChannelController per (stack, channel, pseudo_channel),
// every burst decoded by the address map and scheduled by its controller, so bandwidth and
// latency come out of the timing. Controller state (open rows, timing history, refresh)
// persists from one transfer to the next.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "models/mem/dram/address_map.h"
#include "models/mem/dram/channel_controller.h"
#include "models/mem/dram/dram_spec.h"
#include "models/mem/dram/dram_stats.h"
#include "models/mem/memory_model.h"

namespace axsim::mem {

// One burst-sized access for the request-level interface.
struct DramRequest {
  Cycle arrival = 0;  // controller cycle at which the request is offered
  std::uint64_t address = 0;
  bool is_write = false;
};

class DramSystem final : public MemoryModel {
 public:
  explicit DramSystem(const DramSpec& spec);
  ~DramSystem() override;
  DramSystem(const DramSystem&) = delete;
  DramSystem& operator=(const DramSystem&) = delete;

  // Every burst of the transfer is offered to its controller at the transfer's start (or,
  // for a controller still busy with earlier transfers, when it is free: transfers are
  // served one after the other). Times include frontend_latency.
  TransferTiming transfer(const Transfer& transfer) override;

  // Runs `requests` (arrivals non-decreasing) to completion and returns, in input order,
  // the cycle each one's data completed at the DRAM (frontend_latency not included).
  // std::out_of_range for an address beyond capacity, before anything runs.
  std::vector<Cycle> run_requests(const std::vector<DramRequest>& requests);

  std::uint64_t capacity_bytes() const override { return map_.capacity_bytes(); }
  core::Bandwidth peak_bandwidth() const override { return spec_.peak_bandwidth(); }
  void report(core::StatGroup& stats) const override;
  void charge_energy(core::EnergyLedger& ledger, const std::string& component,
                     const std::string& layer) const override;

  const DramSpec& spec() const { return spec_; }
  const AddressMap& address_map() const { return map_; }
  // Totals so far, summed over the controllers.
  DramActivity activity() const;

 private:
  struct Unit;
  struct Offered {
    Cycle arrival = 0;
    std::uint64_t address = 0;
    bool is_write = false;
  };
  // Fills `next` and returns true while requests remain, in non-decreasing arrival order.
  using Source = std::function<bool(Offered& next)>;
  // Called once per request when its RD/WR issues: the request's sequence number (from 0,
  // in source order) and its completion cycle.
  using Sink = std::function<void(std::uint64_t sequence, Cycle completion)>;

  void run(const Source& source, const Sink& sink);
  void collect(Unit& unit, const Sink& sink);
  void mark_busy(Cycle from, Cycle to);

  DramSpec spec_;
  AddressMap map_;
  std::vector<std::unique_ptr<Unit>> units_;
  std::uint64_t next_id_ = 0;
  LatencyHistogram latency_;
  double busy_cycles_ = 0;
  Cycle busy_until_ = 0;
};

}  // namespace axsim::mem
