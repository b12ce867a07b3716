#include "models/systolic/systolic_accelerator.h"

#include <memory>

#include "models/core/energy.h"
#include "models/core/result_fill.h"
#include "models/core/stats.h"
#include "models/systolic/dram_link.h"
#include "models/systolic/mapper.h"
#include "models/systolic/systolic_config.h"
#include "models/systolic/systolic_core.h"

namespace axsim::systolic {

namespace {

class SystolicAccelerator : public run::Accelerator {
 public:
  SystolicAccelerator(SystolicConfig config, const core::TechTable& tech)
      : config_(std::move(config)), tech_(tech), stats_("systolic") {}

  void build(const trace::Trace& trace) override {
    batch_ = trace.batch;
    plan_ = map_trace(config_, trace);
    dram_ = std::make_unique<DramLink>("dram", config_.dram_bandwidth, config_.dram_latency,
                                       stats_.group("dram"));
    core_ = std::make_unique<SystolicCore>("core", config_, plan_, stats_.group("core"));
    core_->dram.bind(dram_->socket);
  }

  void collect(core::RunResult& result) override;

 private:
  void fill_layers(core::RunResult& result, core::EnergyLedger& ledger) const;

  SystolicConfig config_;
  const core::TechTable& tech_;
  core::StatGroup stats_;
  Plan plan_;
  int64_t batch_ = 1;
  std::unique_ptr<DramLink> dram_;
  std::unique_ptr<SystolicCore> core_;
};

void SystolicAccelerator::fill_layers(core::RunResult& result, core::EnergyLedger& ledger) const {
  const double clock_hz = config_.clock.si;
  for (size_t i = 0; i < plan_.layers.size(); ++i) {
    const LayerPlan& lp = plan_.layers[i];
    const LayerTiming& t = core_->timings()[i];
    core::LayerResult layer = core::timed_layer(
        {lp.name, lp.op, unit_name(lp.unit), lp.macs, lp.vector_ops}, t, clock_hz);
    if (lp.unit == Unit::array && layer.latency_s > 0) {
      layer.utilization = lp.macs / (layer.latency_s * clock_hz * lp.peak_macs_per_cycle);
    }
    layer.bytes["dram"] = lp.weight_dram_bytes + lp.activation_dram_bytes;
    layer.bytes["sram"] = lp.sram_read_bytes + lp.sram_write_bytes;

    if (lp.unit == Unit::array) ledger.count("array", lp.name, lp.mac_action, lp.macs);
    ledger.count("vector", lp.name, "vector_op", lp.vector_ops);
    ledger.count("sram", lp.name, "sram_read_byte", lp.sram_read_bytes);
    ledger.count("sram", lp.name, "sram_write_byte", lp.sram_write_bytes);
    ledger.count("dram", lp.name, "dram_byte", layer.bytes["dram"]);
    ledger.add_static("static", lp.name, config_.static_power, core::seconds(layer.latency_s));
    core::copy_layer_energy(ledger, layer);
    result.layers.push_back(std::move(layer));
  }
}

void SystolicAccelerator::collect(core::RunResult& result) {
  if (!core_->finished()) {
    throw std::logic_error("systolic model stopped before the last layer finished");
  }
  core::EnergyLedger ledger(tech_);
  if (config_.weights_resident) {
    ledger.count("dram", "", "dram_byte", plan_.resident_weight_bytes);
  }
  fill_layers(result, ledger);

  core::RunSummary& s = result.summary;
  s.clock_hz = config_.clock.si;
  s.batch = batch_;
  core::sum_layers(result.layers, s);
  double dominant_macs = -1;
  for (const LayerPlan& lp : plan_.layers) {
    if (lp.unit == Unit::array && static_cast<double>(lp.macs) > dominant_macs) {
      dominant_macs = static_cast<double>(lp.macs);
      s.peak_ops_per_s = 2.0 * lp.peak_macs_per_cycle * s.clock_hz;
    }
  }
  core::derive_summary(s, ledger.total().si);

  core::StatGroup& summary = stats_.group("summary");
  summary.add("latency", "simulated time of one pass over the trace", "s").value = s.latency_s;
  summary.add("dram_bandwidth_achieved", "DRAM bytes over the run time", "B/s").value =
      s.latency_s > 0 ? s.bytes["dram"] / s.latency_s : 0.0;
  summary.add("dram_bandwidth_peak", "configured DRAM link bandwidth", "B/s").value =
      config_.dram_bandwidth.si;
  result.energy = ledger.to_json();
  result.stats = stats_.to_json();
}

}  // namespace

run::AcceleratorEntry systolic_entry() {
  return {"systolic",
          "TPU-style accelerator: one systolic MAC array, a vector unit, SRAM and a DRAM link",
          [](const run::AcceleratorContext& context) -> std::unique_ptr<run::Accelerator> {
            return std::make_unique<SystolicAccelerator>(parse_systolic_config(context.config),
                                                         context.tech);
          }};
}

}  // namespace axsim::systolic
