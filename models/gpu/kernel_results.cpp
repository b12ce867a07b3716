#include "models/gpu/kernel_results.h"

#include <string>

#include "models/core/result_fill.h"
#include "models/gpu/roofline.h"

namespace axsim::gpu {

namespace {

double gpus(const RunFacts& f) { return static_cast<double>(f.config.parallel.gpus); }

// Bytes one GPU sends over the link in a ring all-reduce of `bytes`.
double link_bytes(const RunFacts& f, double bytes) {
  const double n = gpus(f);
  return n > 1 ? 2.0 * (n - 1.0) / n * bytes : 0.0;
}

void book_layer_energy(const RunFacts& f, const KernelPlan& k, double latency_s,
                       core::EnergyLedger& ledger) {
  const double n = gpus(f);
  if (k.macs > 0) {
    const char* component = k.kind == KernelKind::stream ? "vector" : "tensor";
    ledger.count(component, k.name, k.mac_action, static_cast<double>(k.macs) * n);
  }
  ledger.count("vector", k.name, "vector_op", static_cast<double>(k.fp32_ops + k.sfu_ops) * n);
  ledger.add_static("static", k.name, f.config.static_power * n, core::seconds(latency_s));
}

}  // namespace

void collect_layers(const RunFacts& f, core::EnergyLedger& ledger, core::RunResult& result) {
  const double n = gpus(f);
  double hbm_bytes_total = 0;
  for (size_t i = 0; i < f.plan.kernels.size(); ++i) {
    const KernelPlan& k = f.plan.kernels[i];
    const KernelTiming& t = f.timings[i];
    // The kernel plan is one GPU's share; the row counts the work of all of them.
    const auto macs = static_cast<int64_t>(static_cast<double>(k.macs) * n);
    const auto vector_ops = static_cast<int64_t>(static_cast<double>(k.fp32_ops + k.sfu_ops) * n);
    core::LayerResult layer =
        core::timed_layer({k.name, k.op, k.unit(), macs, vector_ops}, t, f.config.clock.si);
    if (k.peak_macs_per_s > 0 && layer.latency_s > 0) {
      layer.utilization = static_cast<double>(k.macs) / (layer.latency_s * k.peak_macs_per_s);
    }
    if (k.runs()) {
      layer.bytes["dram"] = (k.hbm_read_bytes + k.hbm_write_bytes) * n;
      layer.bytes["l2"] = k.l2_bytes * n;
      hbm_bytes_total += layer.bytes["dram"];
      book_layer_energy(f, k, layer.latency_s, ledger);
    }
    if (k.allreduce_bytes > 0) layer.bytes["link"] = link_bytes(f, k.allreduce_bytes) * n;
    result.layers.push_back(std::move(layer));
  }
  // The memory model books what it moved in one sum; every GPU moved the same.
  for (int64_t g = 0; g < f.config.parallel.gpus; ++g) f.memory.charge_energy(ledger, "hbm", "");
  const double hbm_energy = ledger.component("hbm").si;
  for (core::LayerResult& layer : result.layers) {
    core::copy_layer_energy(ledger, layer);
    const auto dram = layer.bytes.find("dram");
    if (dram != layer.bytes.end() && hbm_bytes_total > 0) {
      layer.energy_j["hbm"] = hbm_energy * dram->second / hbm_bytes_total;
    }
  }
}

void collect_summary(const RunFacts& f, const core::EnergyLedger& ledger, core::RunResult& result) {
  core::RunSummary& s = result.summary;
  s.clock_hz = f.config.clock.si;
  s.batch = f.batch;
  core::sum_layers(result.layers, s);
  // The peak at the precision of the layer doing the most tensor-core work.
  int64_t dominant = -1;
  for (const KernelPlan& k : f.plan.kernels) {
    if (k.peak_macs_per_s > 0 && k.macs > dominant) {
      dominant = k.macs;
      s.peak_ops_per_s = 2.0 * k.peak_macs_per_s * gpus(f);
    }
  }
  core::derive_summary(s, ledger.total().si);
}

void add_kernel_stats(const RunFacts& f, core::StatGroup& kernels) {
  const core::Bandwidth peak = f.memory.peak_bandwidth();
  for (size_t i = 0; i < f.plan.kernels.size(); ++i) {
    const KernelPlan& k = f.plan.kernels[i];
    if (!k.runs()) continue;
    const KernelTiming& t = f.timings[i];
    const double latency = t.end_s - t.start_s;
    const double hbm_bytes = k.hbm_read_bytes + k.hbm_write_bytes;
    const RooflineBound bound = roofline_bound(k, peak);
    core::StatGroup& g = kernels.group(k.name);
    g.add("tiles", "CTAs in the grid", "1").value = static_cast<double>(k.tiles);
    g.add("waves", "rounds of CTAs over the SMs", "1").value = static_cast<double>(k.waves);
    if (k.tile_m > 0) {
      g.add("tile_m", "tile rows (GEMM BM, attention query block)", "1").value =
          static_cast<double>(k.tile_m);
      g.add("tile_n", "tile columns (GEMM BN, attention key block)", "1").value =
          static_cast<double>(k.tile_n);
      g.add("tile_k", "reduction step (GEMM BK, attention head_dim)", "1").value =
          static_cast<double>(k.tile_k);
      g.add("split", "CTAs sharing a tile's reduction (split-K / split-KV)", "1").value =
          static_cast<double>(k.split);
    }
    g.add("hbm_bytes", "bytes read from and written to HBM", "B").value = hbm_bytes;
    g.add("l2_bytes", "bytes between the SMs and L2", "B").value = k.l2_bytes;
    g.add("l2_hit_rate", "share of L2 reads that did not go to HBM", "1").value = k.l2_hit_rate;
    if (hbm_bytes > 0) {
      g.add("arithmetic_intensity", "2 x MACs + SIMT ops per HBM byte", "ops/B").value =
          (2.0 * static_cast<double>(k.macs) + static_cast<double>(k.fp32_ops + k.sfu_ops)) /
          hbm_bytes;
    }
    if (k.peak_macs_per_s > 0 && latency > 0) {
      g.add("tensor_utilization", "achieved / peak tensor-core MAC rate", "1").value =
          static_cast<double>(k.macs) / (latency * k.peak_macs_per_s);
    }
    if (latency > 0) {
      g.add("hbm_bandwidth_utilization", "achieved / peak HBM bandwidth", "1").value =
          hbm_bytes / latency / peak.si;
    }
    g.add("hbm_time", "from the kernel's start to its last HBM byte", "s").value = t.hbm_s;
    g.add("roofline_time", "time at peak rates of the slowest roof; no kernel is faster", "s")
        .value = bound.time_s;
    g.add(std::string("bound_by_") + roof_name(bound.roof),
          "present on the roof that binds (tensor, vector, hbm or l2)", "1")
        .value = 1;
    if (k.allreduce_s > 0) {
      g.add("allreduce_time", "ring all-reduce after the kernel", "s").value = k.allreduce_s;
    }
  }
}

void add_summary_stats(const RunFacts& f, const core::RunSummary& s, core::StatGroup& stats) {
  const double n = gpus(f);
  stats.add("latency", "simulated time of one pass over the trace", "s").value = s.latency_s;
  const auto dram = s.bytes.find("dram");
  stats.add("dram_bandwidth_achieved", "HBM bytes of all GPUs over the run time", "B/s").value =
      dram != s.bytes.end() && s.latency_s > 0 ? dram->second / s.latency_s : 0.0;
  stats.add("dram_bandwidth_peak", "peak HBM bandwidth of all GPUs", "B/s").value =
      f.memory.peak_bandwidth().si * n;
  stats.add("gpus", "GPUs in the tensor-parallel group", "1").value = n;
  if (f.plan.tokens > 0 && s.latency_s > 0) {
    stats.add("tokens", "tokens the pass processes (batch x sequence)", "1").value =
        static_cast<double>(f.plan.tokens);
    stats.add("tokens_per_s", "tokens over the pass's latency", "1/s").value =
        static_cast<double>(f.plan.tokens) / s.latency_s;
  }
  stats.add("hbm_capacity", "HBM of one GPU", "B").value =
      static_cast<double>(f.memory.capacity_bytes());
  stats.add("hbm_weights", "weights in one GPU's HBM", "B").value = f.plan.footprint.weight_bytes;
  stats.add("hbm_kv_cache", "KV cache in one GPU's HBM", "B").value =
      f.plan.footprint.kv_cache_bytes;
  stats.add("hbm_activations", "most activations live at once in one GPU's HBM", "B").value =
      f.plan.footprint.activation_bytes;
  double hbm_reads = 0;
  double l2_reads = 0;
  for (const KernelPlan& k : f.plan.kernels) {
    hbm_reads += k.hbm_read_bytes;
    l2_reads += k.l2_read_bytes;
  }
  stats.add("l2_hit_rate", "share of all L2 reads that did not go to HBM", "1").value =
      l2_reads > 0 ? 1.0 - hbm_reads / l2_reads : 0.0;
}

}  // namespace axsim::gpu
