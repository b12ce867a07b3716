// Whole simulations on the GPU model with an ideal memory, so the expected figures follow from
// the config. Each run happens in a child process (SystemC elaborates once per process).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/gpu/child_simulation.h"
#include "tests/gpu/fixtures.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;
using nlohmann::json;

namespace {

trace::Trace network(const std::string& name, const std::string& phase = "prefill") {
  zoo::ZooOptions options;
  options.phase = phase;
  return zoo::make_network(name, options);
}

double latency(const json& result) { return result["summary"]["latency_s"].get<double>(); }

// Every simulated kernel takes at least its roofline time.
void check_roofline(const json& result) {
  const json& kernels = result["stats"]["kernels"];
  int checked = 0;
  for (const json& layer : result["layers"]) {
    const std::string name = layer["name"].get<std::string>();
    if (!kernels.contains(name)) continue;
    const double bound = kernels[name]["roofline_time"]["value"].get<double>();
    CHECK(layer["latency_s"].get<double>() >= bound * (1 - 1e-9));
    ++checked;
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("gpu sim: no kernel beats its roofline bound") {
  const std::string h100 = test::h100_like_section_text("3.35 TB/s");
  check_roofline(test::simulate_gpu(h100, network("llama2-7b", "decode")));
  check_roofline(test::simulate_gpu(h100, network("llama2-7b", "prefill")));
  check_roofline(test::simulate_gpu(h100, network("resnet50")));
}

TEST_CASE(
    "gpu sim: halving HBM bandwidth doubles a memory-bound kernel but not a compute-bound one") {
  test::GpuSetup fast;
  fast.sms = 132;
  fast.bandwidth = "2 TB/s";
  test::GpuSetup slow = fast;
  slow.bandwidth = "1 TB/s";
  // Batch-1 GEMV: 64 MiB of weights, 2 MACs per weight byte read.
  const trace::Trace gemv = test::linear_trace(1, 8192, 8192);
  const double gemv_ratio = latency(test::simulate_gpu(test::gpu_section_text(slow), gemv)) /
                            latency(test::simulate_gpu(test::gpu_section_text(fast), gemv));
  CHECK(gemv_ratio == Approx(2.0).epsilon(0.02));
  // Square GEMM: 8192 MACs per byte of each operand.
  const trace::Trace gemm = test::linear_trace(8192, 8192, 8192);
  const double gemm_ratio = latency(test::simulate_gpu(test::gpu_section_text(slow), gemm)) /
                            latency(test::simulate_gpu(test::gpu_section_text(fast), gemm));
  CHECK(gemm_ratio >= 1.0);
  CHECK(gemm_ratio < 1.03);
}

TEST_CASE("gpu sim: a GEMM one tile larger than the GPU takes twice as long") {
  test::GpuSetup setup;  // 4 SMs, one tile shape, no split-K to even the waves out
  setup.tiles = "[[128, 128, 64]]";
  setup.max_split_k = 1;
  const std::string config = test::gpu_section_text(setup);
  const json four = test::simulate_gpu(config, test::linear_trace(128, 8192, 4 * 128));
  const json five = test::simulate_gpu(config, test::linear_trace(128, 8192, 5 * 128));
  CHECK(five["stats"]["kernels"]["fc"]["waves"]["value"].get<double>() == 2);
  CHECK(latency(five) / latency(four) == Approx(2.0).epsilon(0.03));
  CHECK(five["layers"][0]["utilization"].get<double>() == Approx(0.625).epsilon(0.03));
}

TEST_CASE("gpu sim: batch-1 decode is bound by HBM and prefill by the tensor cores") {
  const std::string h100 = test::h100_like_section_text("3.35 TB/s");
  const json decode = test::simulate_gpu(h100, network("llama2-7b", "decode"));
  const json& ds = decode["summary"];
  for (const json& layer : decode["layers"]) {
    if (layer["op"] != "linear") continue;
    INFO(layer["name"].get<std::string>());
    CHECK(decode["stats"]["kernels"][layer["name"].get<std::string>()].contains("bound_by_hbm"));
    CHECK(layer["stall"]["memory_s"].get<double>() > layer["stall"]["compute_s"].get<double>());
  }
  CHECK(ds["utilization"].get<double>() < 0.01);
  CHECK(decode["stats"]["summary"]["dram_bandwidth_achieved"]["value"].get<double>() >
        0.5 * 3.35e12);
  // The weights alone take 6.74 GB / 3.35 TB/s = 2.0 ms; nothing is faster.
  CHECK(ds["latency_s"].get<double>() > 6.74e9 / 3.35e12);
  const json prefill = test::simulate_gpu(h100, network("llama2-7b", "prefill"));
  const json& ps = prefill["summary"];
  CHECK(ps["stall"]["compute_s"].get<double>() > ps["stall"]["memory_s"].get<double>());
  for (const json& layer : prefill["layers"]) {
    if (layer["op"] != "linear" || layer["name"] == "lm_head") continue;
    INFO(layer["name"].get<std::string>());
    CHECK(
        prefill["stats"]["kernels"][layer["name"].get<std::string>()].contains("bound_by_tensor"));
  }
  CHECK(ps["utilization"].get<double>() > 0.5);
  CHECK(prefill["stats"]["summary"]["tokens"]["value"].get<double>() == 2048);
}

TEST_CASE("gpu sim: every layer's time splits into compute and memory and other with no gaps") {
  const json r =
      test::simulate_gpu(test::h100_like_section_text("3.35 TB/s"), network("llama2-7b", "decode"));
  double sum = 0;
  for (const json& layer : r["layers"]) {
    const json& stall = layer["stall"];
    const double parts = stall["compute_s"].get<double>() + stall["memory_s"].get<double>() +
                         stall["other_s"].get<double>();
    CHECK(parts == Approx(layer["latency_s"].get<double>()).margin(1e-12));
    CHECK(layer["start_s"].get<double>() == Approx(sum).margin(1e-12));
    sum += layer["latency_s"].get<double>();
  }
  CHECK(latency(r) == Approx(sum));
}

TEST_CASE("gpu sim: energy is actions times the technology table plus static power") {
  const json r = test::simulate_gpu(test::h100_like_section_text("3.35 TB/s"),
                                    test::linear_trace(512, 4096, 4096));
  const json& by = r["energy"]["by_component"];
  CHECK(by["tensor"].get<double>() == Approx(512.0 * 4096 * 4096 * 0.3e-12));
  CHECK(by["static"].get<double>() == Approx(100.0 * latency(r)));
  const double moved = r["summary"]["bytes"]["dram"].get<double>();
  CHECK(moved == Approx(512.0 * 4096 + 4096.0 * 4096 + 512.0 * 4096));
  CHECK(by["hbm"].get<double>() == Approx(moved * 162.5e-12));
}

TEST_CASE("gpu sim: tensor parallelism shares the weight traffic and adds all-reduces") {
  const trace::Trace t = network("llama2-7b", "decode");
  const json one = test::simulate_gpu(test::h100_like_section_text("3.35 TB/s"), t);
  const json two = test::simulate_gpu(test::h100_like_section_text("3.35 TB/s", "80 GB", 2), t);
  CHECK(latency(two) < 0.85 * latency(one));
  CHECK(two["summary"]["bytes"]["link"].get<double>() > 0);
  CHECK(two["stats"]["sms"]["allreduce_time"]["value"].get<double>() > 0);
}
