#include "models/mem/dram/dram_stats.h"

#include "models/core/energy.h"
#include "models/core/stats.h"

namespace axsim::mem {

double DramActivity::reads() const {
  double total = 0;
  for (const UnitActivity& unit : units) total += unit.reads;
  return total;
}

double DramActivity::writes() const {
  double total = 0;
  for (const UnitActivity& unit : units) total += unit.writes;
  return total;
}

void report_dram_activity(const DramSpec& spec, const DramActivity& a, core::StatGroup& stats) {
  const double burst = spec.organization.burst_bytes;
  const double tck = spec.cycle_time().si;
  const double reads = a.reads();
  const double writes = a.writes();
  const double accesses = reads + writes;
  const double busy_s = a.busy_cycles * tck;
  const double achieved = busy_s > 0 ? accesses * burst / busy_s : 0.0;
  const double peak = spec.peak_bandwidth().si;

  stats.add("bytes_read", "bytes read from the array (whole bursts)", "B").value = reads * burst;
  stats.add("bytes_written", "bytes written to the array (whole bursts)", "B").value = writes * burst;
  stats.add("reads", "read bursts", "1").value = reads;
  stats.add("writes", "write bursts", "1").value = writes;
  stats.add("activates", "row activations (ACT)", "1").value = a.activates;
  stats.add("refreshes", "refresh commands (REFpb or REFab)", "1").value = a.refreshes;
  stats.add("row_hit_rate", "accesses that found their row open", "1").value =
      accesses > 0 ? a.row_hits / accesses : 0.0;
  stats.add("busy_time", "time with a transfer in flight", "s").value = busy_s;
  stats.add("achieved_bandwidth", "bytes moved over the busy time", "B/s").value = achieved;
  stats.add("peak_bandwidth", "every data bus busy every cycle", "B/s").value = peak;
  stats.add("bandwidth_fraction", "achieved over peak bandwidth", "1").value =
      peak > 0 ? achieved / peak : 0.0;
  const double frontend_s = spec.frontend_latency.si;
  const bool any = a.latency.count() > 0;
  stats.add("latency_average", "arrival to data complete, frontend included", "s").value =
      any ? a.latency.mean() * tck + frontend_s : 0.0;
  stats.add("latency_p99", "99th percentile of the access latency", "s").value =
      any ? a.latency.percentile(0.99) * tck + frontend_s : 0.0;
  stats.add("row_conflict_rate", "accesses that found another row open in their bank", "1")
      .value = accesses > 0 ? a.row_conflicts / accesses : 0.0;
  stats.add("bank_conflict_stall_time",
            "time the oldest request waited for its row to be opened, summed over channels", "s")
      .value = a.conflict_stall_cycles * tck;
  stats.add("refresh_stall_time",
            "time requests waited on a bank under refresh, summed over channels", "s")
      .value = a.refresh_stall_cycles * tck;
  stats.add("queue_occupancy_average", "requests queued per controller, averaged over cycles", "1")
      .value = a.simulated_cycles > 0 ? a.queue_occupancy_sum / a.simulated_cycles : 0.0;

  const DramOrganization& org = spec.organization;
  core::StatGroup& channels = stats.group("channels");
  for (std::size_t u = 0; u < a.units.size(); ++u) {
    const int pc = static_cast<int>(u) % org.pseudo_channels;
    const int channel = static_cast<int>(u) / org.pseudo_channels % org.channels;
    const int stack = static_cast<int>(u) / org.pseudo_channels / org.channels;
    core::StatGroup& unit = channels.group("s" + std::to_string(stack) + "_ch" +
                                           std::to_string(channel) + "_pc" + std::to_string(pc));
    const UnitActivity& ua = a.units[u];
    unit.add("bytes", "bytes moved by this channel", "B").value = (ua.reads + ua.writes) * burst;
    unit.add("bursts", "bursts moved by this channel", "1").value = ua.reads + ua.writes;
  }
}

void charge_dram_energy(const DramSpec& spec, const DramActivity& a, core::EnergyLedger& ledger,
                        const std::string& component, const std::string& layer) {
  const double bits_per_burst = 8.0 * spec.organization.burst_bytes;
  const double banks_per_refresh =
      spec.controller.refresh == RefreshMode::all_bank ? spec.organization.banks() : 1.0;
  const double reads = a.reads();
  const double writes = a.writes();
  ledger.count(component, layer, spec.energy.activate, a.activates);
  ledger.count(component, layer, spec.energy.read, reads * bits_per_burst);
  ledger.count(component, layer, spec.energy.write, writes * bits_per_burst);
  ledger.count(component, layer, spec.energy.io, (reads + writes) * bits_per_burst);
  ledger.count(component, layer, spec.energy.refresh, a.refreshes * banks_per_refresh);
}

}  // namespace axsim::mem
