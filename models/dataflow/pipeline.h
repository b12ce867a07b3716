// Replays a Plan as a pipeline of SystemC processes, one per stage, joined by bounded FIFOs
// of row blocks. A stage reads the blocks its next output block needs, computes for the
// block's time and writes the result to every consumer; a full FIFO blocks it (back-
// pressure), an empty one starves it, so fill latency and the bottleneck stage emerge from
// the run. Sources and sinks move blocks over the host link or the context store (DRAM or
// host), which every transfer in flight shares. A controller runs the batches one after the
// other (batch 1 first, then the trace's batch), context by context, paying each context
// switch before it starts.
#pragma once

#include <memory>
#include <systemc>
#include <vector>

#include "models/dataflow/dataflow_config.h"
#include "models/dataflow/plan.h"

namespace axsim::dataflow {

struct StageTiming {
  double busy_s = 0;       // computing, or moving its blocks over a link
  double fill_s = 0;       // waiting for the first input of the run
  double stall_in_s = 0;   // waiting for input after that
  double stall_out_s = 0;  // blocked by a full output FIFO
  double first_row_s = 0;  // first output block, from the context's start
  double last_row_s = 0;   // last output block, from the context's start
};

// One batch size, simulated as two batches back to back so the second shows the steady state
// (with several contexts every batch loads every context again); with one context frames
// stream on without a drain, so at least kMinStreamFrames run and the second half of them
// gives the rate.
struct PassTiming {
  static constexpr int kBatches = 2;
  static constexpr int64_t kMinStreamFrames = 16;  // one context: at least this many frames
  int64_t frames = 1;                              // per batch
  double batches = kBatches;                       // batches' worth of frames simulated
  double start_s = 0;
  double end_s = 0;
  double switch_s = 0;                  // both batches
  std::vector<double> batch_end_s;      // per batch (several contexts)
  std::vector<double> frame_done_s;     // per frame, last output block (one context)
  std::vector<double> context_start_s;  // per context, simulated time it started
  std::vector<double> context_run_s;    // per context: start to last block out
  std::vector<StageTiming> stages;      // per plan stage
  double host_bytes = 0;                // both batches
  double store_bytes = 0;               // both batches

  // Frames per second in the steady state, and the latency of the first frame (one context)
  // or of the first batch (several).
  double fps() const;
  double first_latency_s() const;
};

// A link shared by every transfer: transfers queue for it in the order they arrive.
class SharedLink {
 public:
  explicit SharedLink(const LinkConfig& config) : config_(config) {}
  // Called from a thread: returns when the bytes have arrived.
  void transfer(double bytes, bool first_of_frame);

 private:
  LinkConfig config_;
  sc_core::sc_time free_at_ = sc_core::SC_ZERO_TIME;
};

class Pipeline : public sc_core::sc_module {
 public:
  // `batches`: frames per pass, run in order.
  Pipeline(sc_core::sc_module_name name, const Plan& plan, const DataflowConfig& config,
           std::vector<int64_t> batches);
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  const std::vector<PassTiming>& passes() const { return passes_; }
  bool finished() const { return finished_; }
  // The context that was running when the simulation ran out of events (a deadlock).
  int running_context() const { return running_context_; }

 private:
  void controller();
  void run_context(const Context& ctx, int64_t frames);
  void run_stage(int stage);
  void move_block(const Stage& stage, int64_t block, StageTiming& timing);

  const Plan& plan_;
  std::vector<int64_t> batches_;
  SharedLink host_;
  SharedLink store_;
  std::vector<std::unique_ptr<sc_core::sc_fifo<int>>> fifos_;
  std::vector<std::unique_ptr<sc_core::sc_event>> start_;  // per context
  sc_core::sc_event context_done_;
  int remaining_ = 0;
  int64_t run_frames_ = 0;  // frames of the context run in progress
  size_t pass_ = 0;
  double context_start_s_ = 0;
  std::vector<PassTiming> passes_;
  bool finished_ = false;
  int running_context_ = -1;
};

}  // namespace axsim::dataflow
