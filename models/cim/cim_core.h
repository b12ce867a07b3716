// Replays a CIM Plan in simulated time, one layer after the other as the NPU's sequencer runs
// them. Per array layer and pass: weights that are not resident are fetched from external
// memory and written into the swap macros (NVM program or SRAM write), then the pass runs its
// MVM rounds as one batch (every active macro converts in parallel; a round lasts
// max(mvm_cycles, bus cycles), so a narrow bus shows up as bus time). Vector layers occupy the
// activation unit, CPU layers the CPU; activations that do not fit the buffer go to and come
// from external memory. Time advances per pass or transfer with wait(), never per clock.
#pragma once

#include <systemc>
#include <vector>

#include "models/cim/cim_config.h"
#include "models/cim/plan.h"
#include "models/core/stats.h"
#include "models/mem/memory_model.h"

namespace axsim::cim {

struct LayerTiming {
  double start_s = 0;
  double end_s = 0;
  double compute_s = 0;  // MVM rounds, vector unit, CPU
  double memory_s = 0;   // weight reload (fetch + program/write), activation spills
  double other_s = 0;    // layer overhead, bus beyond the MVM time
  double reload_s = 0;   // the weight-reload part of memory_s
};

class CimCore : public sc_core::sc_module {
 public:
  // `memory` may be null when the plan moves nothing off chip; it must outlive the core.
  CimCore(sc_core::sc_module_name name, const CimConfig& config, const Plan& plan,
          mem::MemoryModel* memory, core::StatGroup& stats);
  CimCore(const CimCore&) = delete;
  CimCore& operator=(const CimCore&) = delete;

  const std::vector<LayerTiming>& timings() const { return timings_; }
  bool finished() const { return finished_; }

 private:
  void run();
  void run_array(const LayerPlan& layer, LayerTiming& timing);
  // Moves bytes over the external memory; returns the time it took.
  double external(double bytes, bool is_write, std::uint64_t address);

  const CimConfig& config_;
  const Plan& plan_;
  mem::MemoryModel* memory_;
  sc_core::sc_time cycle_;
  std::vector<LayerTiming> timings_;
  std::uint64_t weight_cursor_ = 0;
  bool finished_ = false;

  core::Stat& array_busy_;
  core::Stat& vector_busy_;
  core::Stat& cpu_busy_;
  core::Stat& reload_time_;
  core::Stat& bus_time_;
};

}  // namespace axsim::cim
