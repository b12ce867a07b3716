// Replays a Plan: a loader fetches tiles over the DRAM link into a two-deep buffer, the
// compute process runs each tile on its unit, and a writer drains results back. Loads of the
// next tiles overlap computation (double buffering); a tile whose data is late shows up as
// memory stall, and so does a full write-back queue.
#pragma once

#include <ostream>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "models/core/stats.h"
#include "models/systolic/plan.h"
#include "models/systolic/systolic_config.h"

namespace axsim::systolic {

struct LayerTiming {
  double start_s = 0;
  double end_s = 0;
  double compute_s = 0;
  double memory_s = 0;
  double other_s = 0;
};

// A tile's results on their way to DRAM (bytes may be 0: the job still marks progress).
struct StoreJob {
  size_t layer = 0;
  double bytes = 0;
  bool last_of_layer = false;
};
// sc_fifo prints its elements when traced.
inline std::ostream& operator<<(std::ostream& os, const StoreJob& job) {
  return os << "store(layer " << job.layer << ", " << job.bytes << " B)";
}

class SystolicCore : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<SystolicCore> dram;

  SystolicCore(sc_core::sc_module_name name, const SystolicConfig& config, const Plan& plan,
               core::StatGroup& stats);
  SystolicCore(const SystolicCore&) = delete;
  SystolicCore& operator=(const SystolicCore&) = delete;

  const std::vector<LayerTiming>& timings() const { return timings_; }
  bool finished() const { return finished_; }

 private:
  void loader();
  void compute();
  void writer();
  void transfer(tlm::tlm_command command, double bytes);
  // Blocks until every store of layers before `layer` reached DRAM.
  void wait_for_stores_before(size_t layer);

  const SystolicConfig& config_;
  const Plan& plan_;
  sc_core::sc_time cycle_;
  sc_core::sc_fifo<int> loaded_;        // tiles whose inputs are in SRAM
  sc_core::sc_fifo<StoreJob> to_store_;  // results waiting for the link
  size_t layers_stored_ = 0;            // layers whose stores all completed
  sc_core::sc_event store_done_;
  std::vector<LayerTiming> timings_;
  bool finished_ = false;

  core::Stat& array_busy_;
  core::Stat& vector_busy_;
  core::Stat& memory_stall_;
};

}  // namespace axsim::systolic
