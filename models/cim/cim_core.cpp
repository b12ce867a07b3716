#include "models/cim/cim_core.h"

#include <stdexcept>

namespace axsim::cim {

CimCore::CimCore(sc_core::sc_module_name name, const CimConfig& config, const Plan& plan,
                 mem::MemoryModel* memory, core::StatGroup& stats)
    : sc_module(name),
      config_(config),
      plan_(plan),
      memory_(memory),
      cycle_(1.0 / config.clock.si, sc_core::SC_SEC),
      timings_(plan.layers.size()),
      array_busy_(stats.add("array_busy_time", "time the macros ran MVM rounds", "s")),
      vector_busy_(stats.add("vector_busy_time", "time the activation/pooling unit ran", "s")),
      cpu_busy_(stats.add("cpu_busy_time", "time the CPU ran fallback operators", "s")),
      reload_time_(stats.add("reload_time",
                             "time writing weights that are not resident into the arrays", "s")),
      bus_time_(stats.add("bus_time", "round time the bus added beyond the MVM time", "s")) {
  SC_HAS_PROCESS(CimCore);
  SC_THREAD(run);
}

double CimCore::external(double bytes, bool is_write, std::uint64_t address) {
  if (bytes <= 0) return 0;
  if (memory_ == nullptr) throw std::logic_error("cim: external transfer without a memory");
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  mem::Transfer t;
  t.start = core::seconds(now.to_seconds());
  t.bytes = static_cast<std::uint64_t>(bytes + 0.5);
  t.is_write = is_write;
  const std::uint64_t capacity = memory_->capacity_bytes();
  t.address = (address % (capacity - t.bytes % capacity)) & ~std::uint64_t{63};
  const mem::TransferTiming timing = memory_->transfer(t);
  const double took = timing.finish.si - now.to_seconds();
  if (took > 0) wait(sc_core::sc_time(took, sc_core::SC_SEC));
  return (sc_core::sc_time_stamp() - now).to_seconds();
}

void CimCore::run_array(const LayerPlan& layer, LayerTiming& timing) {
  for (const PassPlan& pass : layer.passes) {
    if (pass.reload_bytes > 0) {
      const double fetch = external(pass.reload_bytes, false, weight_cursor_);
      weight_cursor_ += static_cast<std::uint64_t>(pass.reload_bytes);
      const sc_core::sc_time write = cycle_ * static_cast<double>(pass.reload_cycles);
      wait(write);
      timing.reload_s += fetch + write.to_seconds();
    }
    const sc_core::sc_time mvm = cycle_ * static_cast<double>(pass.rounds * layer.mvm_cycles);
    const sc_core::sc_time bus =
        cycle_ * static_cast<double>(pass.rounds * (pass.round_cycles - layer.mvm_cycles));
    wait(mvm + bus);
    timing.compute_s += mvm.to_seconds();
    timing.other_s += bus.to_seconds();
    bus_time_ += bus.to_seconds();
  }
  timing.memory_s += timing.reload_s;
  reload_time_ += timing.reload_s;
  array_busy_ += timing.compute_s;
}

void CimCore::run() {
  const sc_core::sc_time overhead(config_.layer_overhead.si, sc_core::SC_SEC);
  const std::uint64_t activations = memory_ ? memory_->capacity_bytes() / 2 : 0;
  for (size_t l = 0; l < plan_.layers.size(); ++l) {
    const LayerPlan& layer = plan_.layers[l];
    LayerTiming& timing = timings_[l];
    timing.start_s = sc_core::sc_time_stamp().to_seconds();
    if (layer.unit == Unit::none) {
      timing.end_s = timing.start_s;
      continue;
    }
    wait(overhead);
    timing.other_s += overhead.to_seconds();
    timing.memory_s += external(layer.spill_read_bytes, false, activations);
    switch (layer.unit) {
      case Unit::array:
        run_array(layer, timing);
        break;
      case Unit::vector: {
        const sc_core::sc_time busy = cycle_ * static_cast<double>(layer.compute_cycles);
        wait(busy);
        timing.compute_s += busy.to_seconds();
        vector_busy_ += busy.to_seconds();
        break;
      }
      case Unit::cpu: {
        const sc_core::sc_time busy(layer.cpu_s, sc_core::SC_SEC);
        wait(busy);
        timing.compute_s += busy.to_seconds();
        cpu_busy_ += busy.to_seconds();
        break;
      }
      case Unit::none:
        break;
    }
    timing.memory_s += external(layer.spill_write_bytes, true, activations);
    timing.end_s = sc_core::sc_time_stamp().to_seconds();
  }
  finished_ = true;
}

}  // namespace axsim::cim
