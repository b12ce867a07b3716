#include "models/systolic/systolic_core.h"


namespace axsim::systolic {

SystolicCore::SystolicCore(sc_core::sc_module_name name, const SystolicConfig& config,
                           const Plan& plan, core::StatGroup& stats)
    : sc_module(name),
      dram("dram"),
      config_(config),
      plan_(plan),
      cycle_(1.0 / config.clock.si, sc_core::SC_SEC),
      loaded_("loaded", 2),
      to_store_("to_store", 2),
      timings_(plan.layers.size()),
      array_busy_(stats.add("array_busy_cycles", "cycles the MAC array computed", "cycles")),
      vector_busy_(stats.add("vector_busy_cycles", "cycles the vector unit computed", "cycles")),
      memory_stall_(stats.add("memory_stall_time", "time the units waited for data", "s")) {
  SC_HAS_PROCESS(SystolicCore);
  SC_THREAD(loader);
  SC_THREAD(compute);
  SC_THREAD(writer);
}

void SystolicCore::transfer(tlm::tlm_command command, double bytes) {
  if (bytes <= 0) return;
  tlm::tlm_generic_payload payload;
  payload.set_command(command);
  payload.set_address(0);
  payload.set_data_ptr(nullptr);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  // Transfers above 4 GiB are split so the TLM length field cannot overflow.
  constexpr double kMaxChunk = 1u << 30;
  double remaining = bytes;
  while (remaining > 0) {
    const double chunk = remaining > kMaxChunk ? kMaxChunk : remaining;
    payload.set_data_length(static_cast<unsigned int>(chunk));
    payload.set_streaming_width(static_cast<unsigned int>(chunk));
    dram->b_transport(payload, delay);
    remaining -= chunk;
  }
  wait(delay);
}

void SystolicCore::wait_for_stores_before(size_t layer) {
  while (layers_stored_ < layer) wait(store_done_);
}

void SystolicCore::loader() {
  for (size_t l = 0; l < plan_.layers.size(); ++l) {
    const LayerPlan& layer = plan_.layers[l];
    for (size_t t = 0; t < layer.tiles.size(); ++t) {
      // Spilled activations can only be read back once the producer wrote them.
      if (t == 0 && layer.input_from_dram) wait_for_stores_before(l);
      transfer(tlm::TLM_READ_COMMAND, layer.tiles[t].load_bytes);
      loaded_.write(static_cast<int>(t));
    }
  }
}

void SystolicCore::compute() {
  const sc_core::sc_time overhead(config_.layer_overhead.si, sc_core::SC_SEC);
  for (size_t l = 0; l < plan_.layers.size(); ++l) {
    const LayerPlan& layer = plan_.layers[l];
    LayerTiming& timing = timings_[l];
    timing.start_s = sc_core::sc_time_stamp().to_seconds();
    if (layer.tiles.empty()) {
      to_store_.write(StoreJob{l, 0.0, true});
      timing.end_s = timing.start_s;
      continue;
    }
    wait(overhead);
    timing.other_s += overhead.to_seconds();
    for (size_t t = 0; t < layer.tiles.size(); ++t) {
      const sc_core::sc_time before_load = sc_core::sc_time_stamp();
      loaded_.read();
      const sc_core::sc_time busy = cycle_ * static_cast<double>(layer.tiles[t].compute_cycles);
      const double waited = (sc_core::sc_time_stamp() - before_load).to_seconds();
      wait(busy);
      const sc_core::sc_time before_store = sc_core::sc_time_stamp();
      to_store_.write(StoreJob{l, layer.tiles[t].store_bytes, t + 1 == layer.tiles.size()});
      const double blocked = (sc_core::sc_time_stamp() - before_store).to_seconds();
      timing.memory_s += waited + blocked;
      timing.compute_s += busy.to_seconds();
      (layer.unit == Unit::array ? array_busy_ : vector_busy_) +=
          static_cast<double>(layer.tiles[t].compute_cycles);
    }
    timing.end_s = sc_core::sc_time_stamp().to_seconds();
  }
  // The run ends when the last result reached DRAM; that wait belongs to the last layer.
  wait_for_stores_before(plan_.layers.size());
  if (!timings_.empty()) {
    LayerTiming& last = timings_.back();
    const double now = sc_core::sc_time_stamp().to_seconds();
    last.memory_s += now - last.end_s;
    last.end_s = now;
  }
  for (const LayerTiming& timing : timings_) memory_stall_ += timing.memory_s;
  finished_ = true;
}

void SystolicCore::writer() {
  for (;;) {
    const StoreJob job = to_store_.read();
    transfer(tlm::TLM_WRITE_COMMAND, job.bytes);
    if (job.last_of_layer) {
      layers_stored_ = job.layer + 1;
      store_done_.notify(sc_core::SC_ZERO_TIME);
    }
  }
}

}  // namespace axsim::systolic
