#include "models/gpu/gpu_accelerator.h"

#include <memory>

#include "models/core/energy.h"
#include "models/core/stats.h"
#include "models/gpu/gpu_config.h"
#include "models/gpu/gpu_core.h"
#include "models/gpu/kernel_results.h"
#include "models/gpu/mapper.h"
#include "models/gpu/memory_factory.h"
#include "models/mem/tlm/memory_target.h"

namespace axsim::gpu {

namespace {

class GpuAccelerator : public run::Accelerator {
 public:
  GpuAccelerator(GpuConfig config, const core::TechTable& tech)
      : config_(std::move(config)), tech_(tech), stats_("gpu") {}

  void build(const trace::Trace& trace) override {
    batch_ = trace.batch;
    memory_ = make_memory_model(config_);
    plan_ = map_trace(config_, trace, memory_facts(config_, *memory_));
    target_ = std::make_unique<mem::MemoryTarget>("hbm", *memory_, 0, stats_.group("hbm_port"));
    core_ = std::make_unique<GpuCore>("sms", config_, plan_, stats_.group("sms"));
    core_->hbm.bind(target_->socket);
  }

  void collect(core::RunResult& result) override {
    if (!core_->finished()) {
      throw std::logic_error("gpu model stopped before the last kernel finished");
    }
    const RunFacts facts{config_, plan_, core_->timings(), *memory_, batch_};
    core::EnergyLedger ledger(tech_);
    collect_layers(facts, ledger, result);
    collect_summary(facts, ledger, result);
    add_kernel_stats(facts, stats_.group("kernels"));
    add_summary_stats(facts, result.summary, stats_.group("summary"));
    memory_->report(stats_.group("hbm"));
    result.energy = ledger.to_json();
    result.stats = stats_.to_json();
  }

 private:
  GpuConfig config_;
  const core::TechTable& tech_;
  core::StatGroup stats_;
  int64_t batch_ = 1;
  GpuPlan plan_;
  std::unique_ptr<mem::MemoryModel> memory_;
  std::unique_ptr<mem::MemoryTarget> target_;
  std::unique_ptr<GpuCore> core_;
};

}  // namespace

run::AcceleratorEntry gpu_entry() {
  return {"gpu",
          "HBM-backed GPU (H100 / H200 class): SMs with tensor cores, L2, HBM, tensor parallelism",
          [](const run::AcceleratorContext& context) -> std::unique_ptr<run::Accelerator> {
            return std::make_unique<GpuAccelerator>(parse_gpu_config(context.config), context.tech);
          }};
}

}  // namespace axsim::gpu
