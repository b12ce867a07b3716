#include "models/cim/cim_accelerator.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "models/cim/accuracy.h"
#include "models/cim/cim_config.h"
#include "models/cim/cim_core.h"
#include "models/cim/energy_model.h"
#include "models/cim/mapper.h"
#include "models/cim/power.h"
#include "models/core/energy.h"
#include "models/core/result_fill.h"
#include "models/core/stats.h"
#include "models/mem/dram/dram_model.h"

namespace axsim::cim {

namespace {

class CimAccelerator : public run::Accelerator {
 public:
  CimAccelerator(CimConfig config, const core::TechTable& tech)
      : config_(std::move(config)), tech_(tech), stats_("cim") {
    macro_efficiency(config_, tech_);  // a table that lacks an action fails before the run
    tech_.at(kBufferByte);
    tech_.at(kVectorOp);
    tech_.at(kCpuOp);
    tech_.at(kCellWrite);
  }

  void build(const trace::Trace& trace) override {
    batch_ = trace.batch;
    plan_ = map_trace(config_, trace);
    accuracy_ = measure_accuracy(config_, plan_, trace);
    if (config_.memory) memory_ = mem::make_dram_model(*config_.memory);
    core_ = std::make_unique<CimCore>("npu", config_, plan_, memory_.get(), stats_.group("npu"));
  }

  void collect(core::RunResult& result) override;

 private:
  void fill_layers(core::RunResult& result, core::EnergyLedger& ledger);
  void fill_summary(core::RunResult& result, const core::EnergyLedger& ledger) const;
  nlohmann::json details(const core::RunResult& result) const;

  CimConfig config_;
  const core::TechTable& tech_;
  core::StatGroup stats_;
  int64_t batch_ = 1;
  Plan plan_;
  std::vector<LayerAccuracy> accuracy_;
  std::unique_ptr<mem::MemoryModel> memory_;
  std::unique_ptr<CimCore> core_;
  double dram_j_ = 0;
  double reload_j_ = 0;
  double reload_s_ = 0;
};

double external_bytes(const LayerPlan& lp) {
  double bytes = lp.spill_read_bytes + lp.spill_write_bytes;
  for (const PassPlan& pass : lp.passes) bytes += pass.reload_bytes;
  return bytes;
}

void CimAccelerator::fill_layers(core::RunResult& result, core::EnergyLedger& ledger) {
  // The memory model books its energy for the whole run; layers get it by their bytes.
  double total_external = 0;
  for (const LayerPlan& lp : plan_.layers) total_external += external_bytes(lp);
  if (memory_) {
    const double before = ledger.total().si;
    memory_->charge_energy(ledger, "dram", "external memory");
    dram_j_ = ledger.total().si - before;
  }
  const core::Power static_power(config_.power.supply_v * config_.power.active_static_current_a);
  const double adc_scale = adc_energy_scale(config_);
  const double clock_hz = config_.clock.si;
  for (size_t i = 0; i < plan_.layers.size(); ++i) {
    const LayerPlan& lp = plan_.layers[i];
    const LayerTiming& t = core_->timings()[i];
    core::LayerResult layer = core::timed_layer(
        {lp.name, lp.op, unit_name(lp.unit), lp.macs, lp.vector_ops}, t, clock_hz);
    // Whatever sc_time rounding left over is overhead, so the three parts add up exactly.
    layer.other_s = std::max(0.0, layer.latency_s - t.compute_s - t.memory_s);
    if (lp.unit == Unit::array && layer.latency_s > 0) {
      layer.utilization = lp.macs / (layer.latency_s * plan_.peak_macs_per_s);
    }
    double reload_cells = 0, reload_bytes = 0;
    for (const PassPlan& pass : lp.passes) {
      reload_cells += pass.reload_cells;
      reload_bytes += pass.reload_bytes;
    }
    layer.bytes["buffer"] = lp.buffer_bytes;
    layer.bytes["external"] = external_bytes(lp);
    if (reload_bytes > 0) layer.bytes["reload"] = reload_bytes;

    ledger.count("macro", lp.name, kCellOp, lp.cell_ops);
    ledger.count("dac", lp.name, kDacStep, lp.dac_ops);
    ledger.count("adc", lp.name, kAdcConversion, lp.conversions * adc_scale);
    ledger.count("shift_add", lp.name, kShiftAdd, lp.shift_adds);
    ledger.count("buffer", lp.name, kBufferByte, lp.buffer_bytes);
    ledger.count("reload", lp.name, kCellWrite, reload_cells);
    if (lp.unit == Unit::vector) ledger.count("vector", lp.name, kVectorOp, lp.vector_ops);
    if (lp.unit == Unit::cpu) ledger.count("cpu", lp.name, kCpuOp, lp.vector_ops);
    ledger.add_static("static", lp.name, static_power, core::seconds(layer.latency_s));
    core::copy_layer_energy(ledger, layer);
    if (total_external > 0 && layer.bytes["external"] > 0) {
      layer.energy_j["dram"] = dram_j_ * layer.bytes["external"] / total_external;
    }
    if (reload_bytes > 0) {
      reload_j_ +=
          reload_cells * tech_.at(kCellWrite).energy.si + dram_j_ * reload_bytes / total_external;
      reload_s_ += t.reload_s;
    }
    result.layers.push_back(std::move(layer));
  }
}

void CimAccelerator::fill_summary(core::RunResult& result, const core::EnergyLedger& ledger) const {
  core::RunSummary& s = result.summary;
  s.clock_hz = config_.clock.si;
  s.batch = batch_;
  core::sum_layers(result.layers, s);
  s.peak_ops_per_s = 2.0 * plan_.peak_macs_per_s;
  core::derive_summary(s, ledger.total().si);
}

nlohmann::json CimAccelerator::details(const core::RunResult& result) const {
  nlohmann::json accuracy = nlohmann::json::array();
  // The worst sampled layer's SQNR, a figure of merit sweeps can use (details.metrics,
  // docs/result-format.md); exact layers do not bound it.
  nlohmann::json metrics = nlohmann::json::object();
  for (const LayerAccuracy& a : accuracy_) {
    if (std::isfinite(a.sqnr_db) &&
        (!metrics.contains("min_sqnr_db") || a.sqnr_db < metrics["min_sqnr_db"].get<double>())) {
      metrics["min_sqnr_db"] = a.sqnr_db;
    }
    nlohmann::json entry = {
        {"layer", a.layer}, {"max_abs_error", a.max_abs_error}, {"samples", a.samples}};
    // JSON has no infinity: an exact layer reports null and says so.
    entry["sqnr_db"] = std::isfinite(a.sqnr_db) ? nlohmann::json(a.sqnr_db) : nlohmann::json();
    entry["exact"] = !std::isfinite(a.sqnr_db);
    accuracy.push_back(entry);
  }
  double conversions = 0, adc_busy_cycles = 0;
  for (const LayerPlan& lp : plan_.layers) {
    conversions += lp.conversions;
    adc_busy_cycles += lp.adc_busy_cycles;
  }
  const double latency_cycles = result.summary.latency_s * config_.clock.si;
  const bool reprogram = plan_.policy == "reprogram";
  const MacroEfficiency eff = macro_efficiency(config_, tech_);
  nlohmann::json d;
  d["residency"] = {{"weight_bytes", plan_.weight_bytes},
                    {"weight_store_bytes", plan_.weight_store_bytes},
                    {"macros", plan_.macros},
                    {"macros_used", plan_.macros_used},
                    {"swap_macros", plan_.swap_macros},
                    {"duplication_factor", plan_.duplication_factor},
                    {"reprogrammed_bytes", reprogram ? plan_.reload_bytes : 0.0},
                    {"streamed_bytes", reprogram ? 0.0 : plan_.reload_bytes},
                    {"reprogram_s", reload_s_},
                    {"reprogram_j", reload_j_},
                    {"policy", plan_.policy}};
  d["accuracy"] = accuracy;
  d["cpu_fallback"] = nlohmann::json::array();
  for (const CpuFallback& f : plan_.cpu_fallback) {
    d["cpu_fallback"].push_back({{"layer", f.layer}, {"reason", f.reason}});
  }
  d["adc"] = {{"bits", config_.macro.adc_bits},
              {"conversions", conversions},
              {"conversion_cycles", config_.macro.conversion_cycles},
              {"columns_per_adc", config_.macro.columns_per_adc},
              {"busy_fraction",
               latency_cycles > 0 ? adc_busy_cycles / (latency_cycles * config_.macros) : 0.0}};
  d["macro"] = {{"mvm_cycles", mvm_cycles(config_.macro)},
                {"peak_ops_per_s", 2.0 * plan_.peak_macs_per_s},
                {"energy_per_mvm_j", eff.energy_per_mvm_j},
                {"tops_per_w", eff.tops_per_w}};
  d["power"] =
      to_json(power_report(config_.power, result.summary.latency_s, result.summary.energy_j));
  d["metrics"] = metrics;
  return d;
}

void CimAccelerator::collect(core::RunResult& result) {
  if (!core_->finished())
    throw std::logic_error("cim model stopped before the last layer finished");
  core::EnergyLedger ledger(tech_);
  fill_layers(result, ledger);
  fill_summary(result, ledger);
  result.details = details(result);

  core::StatGroup& summary = stats_.group("summary");
  summary.add("latency", "simulated time of one inference", "s").value = result.summary.latency_s;
  summary.add("reload_bytes", "weights written into the arrays per inference", "B").value =
      plan_.reload_bytes;
  summary.add("peak_ops", "2 x macros x rows x logical columns / mvm_cycles x clock", "op/s")
      .value = 2.0 * plan_.peak_macs_per_s;
  if (memory_) memory_->report(stats_.group("external_memory"));
  result.energy = ledger.to_json();
  result.stats = stats_.to_json();
}

}  // namespace

run::AcceleratorEntry cim_entry() {
  return {"cim",
          "compute-in-memory NPU (WTM2101 class): CIM macro tiles with DACs/ADCs, weight reload, "
          "CPU fallback, power states",
          [](const run::AcceleratorContext& context) -> std::unique_ptr<run::Accelerator> {
            return std::make_unique<CimAccelerator>(parse_cim_config(context.config), context.tech);
          }};
}

}  // namespace axsim::cim
