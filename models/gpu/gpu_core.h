// Replays a GpuPlan: one SC_THREAD launches the kernels in order, as a CUDA stream does. Each
// kernel pays its launch overhead, then sends its HBM accesses through the TLM-2.0 initiator
// socket: the first slab first (no SM computes before its data arrives), then the rest, all
// in flight together while the SMs compute. The kernel ends when its compute, its HBM traffic
// and its L2 traffic have all finished; a tensor-parallel all-reduce follows when the plan
// asks for one.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <systemc>
#include <tlm>
#include <vector>

#include "models/core/stats.h"
#include "models/gpu/gpu_config.h"
#include "models/gpu/kernel_plan.h"

namespace axsim::gpu {

struct KernelTiming {
  double start_s = 0;
  double end_s = 0;
  double compute_s = 0;  // SMs computing
  double memory_s = 0;   // SMs waiting on HBM or L2 (first-tile latency included)
  double other_s = 0;    // launch overhead and all-reduce
  double hbm_s = 0;      // from the kernel's start to its last HBM byte
};

class GpuCore : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<GpuCore> hbm;

  GpuCore(sc_core::sc_module_name name, const GpuConfig& config, const GpuPlan& plan,
          core::StatGroup& stats);
  GpuCore(const GpuCore&) = delete;
  GpuCore& operator=(const GpuCore&) = delete;

  const std::vector<KernelTiming>& timings() const { return timings_; }
  bool finished() const { return finished_; }

 private:
  void run();
  // Sends one access now; returns when (absolute) its last byte completes.
  sc_core::sc_time access(const HbmAccess& access, const std::string& kernel);

  const GpuConfig& config_;
  const GpuPlan& plan_;
  std::vector<KernelTiming> timings_;
  bool finished_ = false;
  core::Stat& launches_;
  core::Stat& busy_s_;
  core::Stat& memory_stall_s_;
  core::Stat& allreduce_s_;
};

}  // namespace axsim::gpu
