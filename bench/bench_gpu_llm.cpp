// Llama-2-7B and Llama-2-70B (8-bit weights, zoo traces generated in-process) on the H100 and
// H200 presets: time to prefill 2,048 tokens, decode tokens per second at batch 1, 8, 32, 64
// and at the largest batch whose weights and KV cache fit HBM, the H200 / H100 ratios, and the
// host time each simulated decode step took. Then ResNet-50 INT8 images/s at batch 1 and 256,
// and a GPT-3 175B decode step tensor-parallel over 8 GPUs. Prints numbers; asserts nothing.
//
// SystemC elaborates once per process, so every simulation runs in a forked child that sends
// its figures back through a pipe.

#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <systemc>
#include <vector>

#include "bench/child_process.h"
#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/gpu/gpu_config.h"
#include "models/gpu/mapper.h"
#include "models/gpu/memory_factory.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "workloads/trace/counts.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int64_t kPrompt = 2048;    // prefill length, and the context of every decode step
constexpr int64_t kMaxBatch = 4096;  // search limit for the largest batch that fits

struct Point {
  double latency_s = 0;
  double host_s = 0;  // build + simulate + collect
};

struct Preset {
  std::string name;
  std::string path;
  std::vector<std::string> overrides;  // --set assignments, e.g. gpu.parallel.gpus=8
};

trace::Trace language_model(const std::string& model, const std::string& phase, int64_t batch) {
  zoo::ZooOptions options;
  options.phase = phase;
  options.batch = batch;
  options.dtype = trace::DType::int8;
  if (phase == "prefill") options.seq_len = kPrompt;
  if (phase == "decode") options.context = kPrompt;
  return zoo::make_network(model, options);
}

Point simulate_here(const Preset& preset, const trace::Trace& trace) {
  const core::ConfigNode root = core::load_config(preset.path, preset.overrides);
  const core::Section top(root);
  const core::TechTable tech = core::load_tech_table(run::resolve_config_path(top.child("tech")));
  const core::Section own = top.section("gpu");
  const auto start = Clock::now();
  auto accelerator = run::accelerators().get("gpu").factory({own, tech});
  accelerator->build(trace);
  sc_core::sc_start();
  core::RunResult result;
  accelerator->collect(result);
  return {result.summary.latency_s, std::chrono::duration<double>(Clock::now() - start).count()};
}

// One simulation in a child process.
Point simulate(const Preset& preset, const trace::Trace& trace) {
  return bench::in_child<Point>(trace.name + " on " + preset.name,
                                [&] { return simulate_here(preset, trace); });
}

gpu::GpuConfig gpu_config(const Preset& preset, core::ConfigNode& root) {
  root = core::load_config(preset.path, preset.overrides);
  return gpu::parse_gpu_config(core::Section(root).section("gpu"));
}

// The largest decode batch whose weights, KV cache and activations fit one GPU's HBM.
int64_t largest_batch(const Preset& preset, const std::string& model) {
  core::ConfigNode root;
  const gpu::GpuConfig config = gpu_config(preset, root);
  const double capacity = static_cast<double>(gpu::make_memory_model(config)->capacity_bytes());
  const auto fits = [&](int64_t batch) {
    return gpu::trace_footprint(config, language_model(model, "decode", batch)).total() <= capacity;
  };
  if (!fits(1)) return 0;
  int64_t low = 1;
  int64_t high = kMaxBatch;
  while (low < high) {
    const int64_t mid = (low + high + 1) / 2;
    if (fits(mid)) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

double weight_bytes(const std::string& model) {
  return static_cast<double>(trace::count_trace(language_model(model, "decode", 1)).weight_bytes);
}

double peak_bandwidth(const Preset& preset) {
  core::ConfigNode root;
  const gpu::GpuConfig config = gpu_config(preset, root);
  return gpu::make_memory_model(config)->peak_bandwidth().si;
}

struct ModelRun {
  double prefill_s = 0;
  std::map<int64_t, double> tokens_per_s;  // decode batch -> tokens/s
  int64_t largest = 0;
};

ModelRun run_model(const Preset& preset, const std::string& model) {
  ModelRun run;
  const Point prefill = simulate(preset, language_model(model, "prefill", 1));
  run.prefill_s = prefill.latency_s;
  std::printf("%-10s %-9s prefill %5lld tokens: %8.2f ms simulated, %6.1f s host\n", model.c_str(),
              preset.name.c_str(), static_cast<long long>(kPrompt), 1e3 * prefill.latency_s,
              prefill.host_s);
  run.largest = largest_batch(preset, model);
  std::vector<int64_t> batches;
  for (const int64_t b : {1, 8, 32, 64}) {
    if (b <= run.largest) batches.push_back(b);
  }
  if (run.largest > 0 && (batches.empty() || batches.back() != run.largest)) {
    batches.push_back(run.largest);
  }
  for (const int64_t b : batches) {
    const Point step = simulate(preset, language_model(model, "decode", b));
    run.tokens_per_s[b] = static_cast<double>(b) / step.latency_s;
    std::printf(
        "%-10s %-9s decode batch %4lld: %9.1f tokens/s, %7.2f ms per step, %6.2f s host "
        "per step%s\n",
        model.c_str(), preset.name.c_str(), static_cast<long long>(b), run.tokens_per_s[b],
        1e3 * step.latency_s, step.host_s, b == run.largest ? " (largest batch that fits)" : "");
  }
  return run;
}

trace::Trace resnet50(int64_t batch) {
  zoo::ZooOptions options;
  options.batch = batch;
  options.dtype = trace::DType::int8;
  return zoo::make_network("resnet50", options);
}

void run_resnet50(const Preset& preset) {
  for (const int64_t batch : {1, 256}) {
    const Point p = simulate(preset, resnet50(batch));
    std::printf("resnet50   %-9s int8 batch %4lld: %9.0f images/s, %8.3f ms per batch, %5.2f s host\n",
                preset.name.c_str(), static_cast<long long>(batch),
                static_cast<double>(batch) / p.latency_s, 1e3 * p.latency_s, p.host_s);
  }
}

// GPT-3 175B with 8-bit weights (~175 GB) does not fit one GPU: tensor-parallel over an HGX
// board of 8, decode steps with 2,047 tokens in the cache (its 2,048 learned positions hold
// the cache and the new token).
void run_gpt3(const Preset& one_gpu) {
  Preset board = one_gpu;
  board.name = one_gpu.name + "x8";
  board.overrides.push_back("gpu.parallel.gpus=8");
  for (const int64_t batch : {1, 8, 64}) {
    zoo::ZooOptions options;
    options.phase = "decode";
    options.batch = batch;
    options.dtype = trace::DType::int8;
    options.context = 2047;
    const Point p = simulate(board, zoo::make_network("gpt3-175b", options));
    std::printf("gpt3-175b  %-11s decode batch %3lld: %8.1f tokens/s, %7.2f ms per step, %5.2f s host\n",
                board.name.c_str(), static_cast<long long>(batch),
                static_cast<double>(batch) / p.latency_s, 1e3 * p.latency_s, p.host_s);
  }
}

}  // namespace

int sc_main(int, char*[]) {
  // Line-buffered, so each figure shows as it is measured (and no child inherits unprinted text).
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string root = AXSIM_SOURCE_DIR;
  const Preset h100{"h100-sxm", root + "/configs/gpu/h100-sxm.yaml", {}};
  const Preset h200{"h200-sxm", root + "/configs/gpu/h200-sxm.yaml", {}};
  const double bandwidth_ratio = peak_bandwidth(h200) / peak_bandwidth(h100);
  for (const std::string model : {"llama2-7b", "llama2-70b"}) {
    const double weights = weight_bytes(model);
    const ModelRun a = run_model(h100, model);
    const ModelRun b = run_model(h200, model);
    std::printf(
        "%-10s batch-1 decode roof (weights %.1f GB at peak bandwidth): %.1f tokens/s "
        "on h100-sxm, %.1f on h200-sxm\n",
        model.c_str(), weights / 1e9, peak_bandwidth(h100) / weights,
        peak_bandwidth(h200) / weights);
    std::printf("%-10s h200/h100: prefill speed %.3f; decode", model.c_str(),
                a.prefill_s / b.prefill_s);
    for (const auto& [batch, rate] : a.tokens_per_s) {
      const auto other = b.tokens_per_s.find(batch);
      if (other != b.tokens_per_s.end()) {
        std::printf(" batch %lld %.3f;", static_cast<long long>(batch), other->second / rate);
      }
    }
    if (a.largest > 0 && b.largest > 0) {
      std::printf(" largest batch (%lld vs %lld) %.3f", static_cast<long long>(b.largest),
                  static_cast<long long>(a.largest),
                  b.tokens_per_s.at(b.largest) / a.tokens_per_s.at(a.largest));
    }
    std::printf("; peak bandwidth ratio %.3f\n", bandwidth_ratio);
  }
  for (const Preset& preset : {h100, h200}) run_resnet50(preset);
  for (const Preset& preset : {h100, h200}) run_gpt3(preset);
  return 0;
}
