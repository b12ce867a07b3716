#include "models/mem/dram/dram_system.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

#include "models/mem/dram/burst_stream.h"

namespace axsim::mem {
namespace {

// Requests handed to the controllers between two rounds of advancing them: enough to keep
// every controller busy, few enough that a long transfer never sits in memory whole.
constexpr std::size_t kWindowRequests = std::size_t{1} << 16;
// Unissued requests a controller may hold beyond what its queues can take before it is
// advanced, so the input streams stay short.
constexpr std::uint64_t kBacklogSlack = 4096;

}  // namespace

struct DramSystem::Unit {
  Unit(const ChannelOrg& org, const DramTiming& timing, const ControllerConfig& config)
      : controller(org, timing, config) {}

  ChannelController controller;
  std::uint64_t pushed = 0;
  std::uint64_t issued = 0;  // completions taken
};

DramSystem::DramSystem(const DramSpec& spec) : spec_(spec), map_(spec) {
  const ChannelOrg org = spec_.channel_org();
  for (int u = 0; u < map_.units(); ++u) {
    units_.push_back(std::make_unique<Unit>(org, spec_.timing, spec_.controller));
  }
}

DramSystem::~DramSystem() = default;

void DramSystem::collect(Unit& unit, const Sink& sink) {
  for (const Completion& done : unit.controller.take_completions()) {
    ++unit.issued;
    sink(done.request_id, done.cycle);
  }
}

// Requests go to their controllers a window at a time. Between windows a controller is
// advanced only as far as keeps the result exact: up to the next request not yet pushed
// (nothing can arrive before it), and beyond that only while more requests wait than its
// queues hold. A request pushed later with its arrival raised to the controller's present
// then sits behind one that is still waiting to enter a queue, exactly where it would have
// been had it been pushed at its true arrival.
void DramSystem::run(const Source& source, const Sink& sink) {
  const std::uint64_t first_id = next_id_;
  const Sink by_sequence = [&](std::uint64_t id, Cycle cycle) { sink(id - first_id, cycle); };
  const std::uint64_t queued_max =
      static_cast<std::uint64_t>(spec_.controller.read_queue + spec_.controller.write_queue);

  Offered next;
  bool more = source(next);
  while (more) {
    for (std::size_t n = 0; n < kWindowRequests && more; ++n) {
      const DramAddress where = map_.decode(next.address);
      Unit& unit = *units_[static_cast<std::size_t>(map_.unit(where))];
      ChannelRequest request;
      request.id = next_id_++;
      request.arrival = std::max(next.arrival, unit.controller.now());
      request.is_write = next.is_write;
      request.bank_group = where.bank_group;
      request.bank = where.bank;
      request.row = where.row;
      request.column = where.column;
      unit.controller.push(request);
      ++unit.pushed;
      more = source(next);
    }
    if (!more) break;
    for (const std::unique_ptr<Unit>& unit : units_) {
      if (unit->pushed == unit->issued) continue;
      if (next.arrival > unit->controller.now()) {
        unit->controller.advance_to(next.arrival);
        collect(*unit, by_sequence);
      }
      // At most one command per cycle, so this many cycles issue at most this many requests.
      while (unit->pushed - unit->issued > queued_max + 1 + kBacklogSlack) {
        unit->controller.advance_to(unit->controller.now() +
                                    (unit->pushed - unit->issued - queued_max - 1));
        collect(*unit, by_sequence);
      }
    }
  }
  for (const std::unique_ptr<Unit>& unit : units_) {
    if (unit->pushed == unit->issued) continue;
    unit->controller.drain();
    collect(*unit, by_sequence);
  }
}

void DramSystem::mark_busy(Cycle from, Cycle to) {
  from = std::max(from, busy_until_);
  if (to > from) busy_cycles_ += static_cast<double>(to - from);
  busy_until_ = std::max(busy_until_, to);
}

TransferTiming DramSystem::transfer(const Transfer& transfer) {
  if (transfer.bytes == 0) return {transfer.start, transfer.start};
  BurstStream sources(transfer, map_.burst_bytes(), map_.capacity_bytes());
  // A copy's writes follow the same pattern from copy_to (same seed, same offsets).
  std::optional<BurstStream> destinations;
  if (transfer.is_copy) {
    Transfer written = transfer;
    written.address = transfer.copy_to;
    destinations.emplace(written, map_.burst_bytes(), map_.capacity_bytes());
  }
  const Cycle start = spec_.cycle_at_or_after(transfer.start);
  Cycle first = std::numeric_limits<Cycle>::max();
  Cycle last = 0;
  bool write_next = false;  // a copy alternates: read a burst, then write it
  run(
      [&](Offered& next) {
        next.arrival = start;
        if (!transfer.is_copy) {
          next.is_write = transfer.is_write;
          return sources.next(next.address);
        }
        next.is_write = write_next;
        write_next = !write_next;
        if (next.is_write) return destinations->next(next.address);
        return sources.next(next.address);
      },
      [&](std::uint64_t, Cycle done) {
        first = std::min(first, done);
        last = std::max(last, done);
        latency_.record(done - start);
      });
  mark_busy(start, last);
  const core::Time frontend = spec_.frontend_latency;
  return {spec_.cycles_to_time(static_cast<double>(first)) + frontend,
          spec_.cycles_to_time(static_cast<double>(last)) + frontend};
}

std::vector<Cycle> DramSystem::run_requests(const std::vector<DramRequest>& requests) {
  for (std::size_t i = 0; i < requests.size(); ++i) {
    map_.decode(requests[i].address);
    if (i > 0 && requests[i].arrival < requests[i - 1].arrival) {
      throw std::invalid_argument("run_requests: arrivals must not decrease (request " +
                                  std::to_string(i) + ")");
    }
  }
  std::vector<Cycle> completions(requests.size(), 0);
  std::size_t offered = 0;
  Cycle last = 0;
  run(
      [&](Offered& next) {
        if (offered == requests.size()) return false;
        const DramRequest& r = requests[offered++];
        next = {r.arrival, r.address, r.is_write};
        return true;
      },
      [&](std::uint64_t sequence, Cycle done) {
        completions[sequence] = done;
        last = std::max(last, done);
        latency_.record(done - requests[sequence].arrival);
      });
  if (!requests.empty()) mark_busy(requests.front().arrival, last);
  return completions;
}

DramActivity DramSystem::activity() const {
  DramActivity a(map_.units());
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const ChannelCounters& c = units_[u]->controller.counters();
    a.units[u].reads = static_cast<double>(c.reads);
    a.units[u].writes = static_cast<double>(c.writes);
    a.activates += static_cast<double>(c.activates);
    a.refreshes += static_cast<double>(c.refreshes);
    a.row_hits += static_cast<double>(c.row_hits);
    a.row_misses += static_cast<double>(c.row_misses);
    a.row_conflicts += static_cast<double>(c.row_conflicts);
    a.refresh_stall_cycles += static_cast<double>(c.refresh_blocked);
    a.conflict_stall_cycles += static_cast<double>(c.conflict_blocked);
    a.queue_occupancy_sum += c.queue_occupancy_sum;
    a.simulated_cycles += static_cast<double>(c.cycles);
  }
  a.busy_cycles = busy_cycles_;
  a.latency = latency_;
  return a;
}

void DramSystem::report(core::StatGroup& stats) const {
  report_dram_activity(spec_, activity(), stats);
}

void DramSystem::charge_energy(core::EnergyLedger& ledger, const std::string& component,
                               const std::string& layer) const {
  charge_dram_energy(spec_, activity(), ledger, component, layer);
}

}  // namespace axsim::mem
