#define SC_INCLUDE_DYNAMIC_PROCESSES
#include "models/dataflow/pipeline.h"

#include <algorithm>
#include <string>

namespace axsim::dataflow {

void SharedLink::transfer(double bytes, bool first_of_frame) {
  if (bytes <= 0) return;
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time start = std::max(now, free_at_);
  free_at_ = start + sc_core::sc_time(bytes / config_.bandwidth.si, sc_core::SC_SEC);
  // A frame's blocks stream as one DMA: the latency is paid once, on its first block.
  const double latency_s = first_of_frame ? config_.latency.si : 0.0;
  sc_core::wait(free_at_ - now + sc_core::sc_time(latency_s, sc_core::SC_SEC));
}

double PassTiming::fps() const {
  if (batch_end_s.size() == kBatches) {
    return static_cast<double>(frames) / (batch_end_s[1] - batch_end_s[0]);
  }
  const size_t total = frame_done_s.size();
  if (total >= 2) {
    const size_t half = total / 2;
    return static_cast<double>(total - half) / (frame_done_s[total - 1] - frame_done_s[half - 1]);
  }
  return 0;
}

double PassTiming::first_latency_s() const {
  if (!batch_end_s.empty()) return batch_end_s.front() - start_s;
  if (!frame_done_s.empty()) return frame_done_s.front() - start_s;
  return 0;
}

Pipeline::Pipeline(sc_core::sc_module_name name, const Plan& plan, const DataflowConfig& config,
                   std::vector<int64_t> batches)
    : sc_module(name),
      plan_(plan),
      batches_(std::move(batches)),
      host_(config.host),
      store_(config.store_link()) {
  for (size_t e = 0; e < plan.edges.size(); ++e) {
    fifos_.push_back(std::make_unique<sc_core::sc_fifo<int>>(
        ("fifo_" + std::to_string(e)).c_str(), static_cast<int>(plan.edges[e].depth)));
  }
  for (size_t c = 0; c < plan.contexts.size(); ++c) {
    start_.push_back(std::make_unique<sc_core::sc_event>());
  }
  for (const int64_t frames : batches_) {
    PassTiming pass;
    pass.frames = frames;
    pass.context_start_s.assign(plan.contexts.size(), -1.0);
    pass.context_run_s.assign(plan.contexts.size(), 0.0);
    pass.stages.assign(plan.stages.size(), StageTiming{});
    passes_.push_back(std::move(pass));
  }
  SC_HAS_PROCESS(Pipeline);
  SC_THREAD(controller);
  for (size_t s = 0; s < plan.stages.size(); ++s) {
    sc_core::sc_spawn_options options;
    sc_core::sc_spawn([this, s]() { run_stage(static_cast<int>(s)); },
                      ("stage_" + std::to_string(s)).c_str(), &options);
  }
}

void Pipeline::controller() {
  const bool streaming = plan_.contexts.size() == 1;
  for (pass_ = 0; pass_ < passes_.size(); ++pass_) {
    PassTiming& pass = passes_[pass_];
    pass.start_s = sc_core::sc_time_stamp().to_seconds();
    if (streaming) {
      const int64_t total =
          std::max(PassTiming::kBatches * pass.frames, PassTiming::kMinStreamFrames);
      pass.batches = static_cast<double>(total) / static_cast<double>(pass.frames);
      pass.frame_done_s.assign(static_cast<size_t>(total), 0.0);
      run_context(plan_.contexts.front(), total);
    } else {
      for (int batch = 0; batch < PassTiming::kBatches; ++batch) {
        for (const Context& ctx : plan_.contexts) run_context(ctx, pass.frames);
        pass.batch_end_s.push_back(sc_core::sc_time_stamp().to_seconds());
      }
    }
    pass.end_s = sc_core::sc_time_stamp().to_seconds();
  }
  running_context_ = -1;
  finished_ = true;
}

void Pipeline::run_context(const Context& ctx, int64_t frames) {
  PassTiming& pass = passes_[pass_];
  if (ctx.switch_s > 0) {
    // Weights and configuration of the context come in over the store link.
    sc_core::wait(sc_core::sc_time(ctx.switch_s, sc_core::SC_SEC));
    pass.switch_s += ctx.switch_s;
  }
  running_context_ = ctx.index;
  context_start_s_ = sc_core::sc_time_stamp().to_seconds();
  if (pass.context_start_s[static_cast<size_t>(ctx.index)] < 0) {
    pass.context_start_s[static_cast<size_t>(ctx.index)] = context_start_s_;
  }
  run_frames_ = frames;
  remaining_ = static_cast<int>(ctx.stages.size());
  start_[static_cast<size_t>(ctx.index)]->notify(sc_core::SC_ZERO_TIME);
  sc_core::wait(context_done_);
  pass.context_run_s[static_cast<size_t>(ctx.index)] +=
      sc_core::sc_time_stamp().to_seconds() - context_start_s_;
}

void Pipeline::move_block(const Stage& stage, int64_t block, StageTiming& timing) {
  const double fraction =
      static_cast<double>(stage.rows_in_block(block)) / static_cast<double>(stage.rows_per_block);
  const double before = sc_core::sc_time_stamp().to_seconds();
  PassTiming& pass = passes_[pass_];
  if (stage.kind == StageKind::source || stage.kind == StageKind::sink) {
    const double bytes = stage.block_link_bytes * fraction;
    (stage.host_link ? host_ : store_).transfer(bytes, block == 0);
    (stage.host_link ? pass.host_bytes : pass.store_bytes) += bytes;
  } else {
    const double block_s = std::max(stage.block_compute_s, stage.block_noc_s) * fraction;
    sc_core::wait(sc_core::sc_time(block_s, sc_core::SC_SEC));
  }
  timing.busy_s += sc_core::sc_time_stamp().to_seconds() - before;
}

void Pipeline::run_stage(int index) {
  const Stage& stage = plan_.stages[static_cast<size_t>(index)];
  std::vector<int64_t> got(stage.in_edges.size());
  for (;;) {
    sc_core::wait(*start_[static_cast<size_t>(stage.context)]);
    PassTiming& pass = passes_[pass_];
    StageTiming& timing = pass.stages[static_cast<size_t>(index)];
    const double run_start_s = context_start_s_;
    for (int64_t frame = 0; frame < run_frames_; ++frame) {
      std::fill(got.begin(), got.end(), 0);
      for (int64_t j = 0; j < stage.blocks; ++j) {
        const double waiting_from = sc_core::sc_time_stamp().to_seconds();
        for (size_t k = 0; k < stage.in_edges.size(); ++k) {
          const auto e = static_cast<size_t>(stage.in_edges[k]);
          const int64_t need = plan_.edges[e].need[static_cast<size_t>(j)];
          for (; got[k] < need; ++got[k]) fifos_[e]->read();
        }
        const double waited = sc_core::sc_time_stamp().to_seconds() - waiting_from;
        (frame == 0 && j == 0 ? timing.fill_s : timing.stall_in_s) += waited;

        move_block(stage, j, timing);

        const double blocked_from = sc_core::sc_time_stamp().to_seconds();
        for (const int e : stage.out_edges) fifos_[static_cast<size_t>(e)]->write(1);
        const double now = sc_core::sc_time_stamp().to_seconds();
        timing.stall_out_s += now - blocked_from;
        if (timing.first_row_s == 0) timing.first_row_s = now - run_start_s;
        timing.last_row_s = now - run_start_s;
        if (j + 1 == stage.blocks && stage.kind == StageKind::sink && stage.host_link &&
            !pass.frame_done_s.empty()) {
          double& done = pass.frame_done_s[static_cast<size_t>(frame)];
          done = std::max(done, now);
        }
      }
    }
    if (--remaining_ == 0) context_done_.notify(sc_core::SC_ZERO_TIME);
  }
}

}  // namespace axsim::dataflow
