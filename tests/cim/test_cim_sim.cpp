// The CIM NPU simulated end to end in-process (one TEST_CASE per process: SystemC elaborates
// once): per-layer results that add up, the details a report reads, and the memory wall as
// its own line in latency and energy.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "workloads/trace/trace_io.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;

namespace {

const std::string kSource = AXSIM_SOURCE_DIR;

core::RunResult run_preset(const std::string& preset, const std::string& trace_path,
                           const std::vector<std::string>& overrides = {}) {
  run::RunRequest request;
  request.config_path = kSource + "/configs/cim/" + preset + ".yaml";
  request.trace_path = trace_path;
  request.overrides = overrides;
  return run::simulate(run::accelerators(), request);
}

std::string zoo_file(const std::string& name) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("axsim-cim-" + name + ".json")).string();
  trace::write_trace(zoo::make_network(name, {}), path);
  return path;
}

void check_layers_add_up(const core::RunResult& r) {
  double latency = 0;
  for (const core::LayerResult& layer : r.layers) {
    INFO(layer.name);
    CHECK(layer.compute_s + layer.memory_s + layer.other_s ==
          Approx(layer.latency_s).margin(1e-12));
    latency += layer.latency_s;
  }
  CHECK(r.summary.latency_s == Approx(latency));
}

}  // namespace

TEST_CASE("cim sim: DS-CNN on the WTM2101 runs resident, reports accuracy, ADC and power") {
  const core::RunResult r = run_preset("wtm2101", kSource + "/workloads/traces/ds-cnn.json");
  check_layers_add_up(r);
  CHECK(r.summary.peak_ops_per_s == Approx(50e9).epsilon(0.05));
  CHECK(r.summary.latency_s > 0);
  CHECK(r.summary.energy_j > 0);
  int array = 0, vector = 0;
  for (const core::LayerResult& layer : r.layers) {
    if (layer.unit == "array") ++array;
    if (layer.unit == "vector") ++vector;
    CHECK(layer.memory_s == 0);  // everything fits: no reload, no spill
  }
  CHECK(array == 10);
  CHECK(vector == 10);  // 9 ReLUs and the average pool
  const nlohmann::json& d = r.details;
  CHECK(d["residency"]["policy"] == "resident");
  CHECK(d["residency"]["reprogrammed_bytes"].get<double>() == 0);
  CHECK(d["residency"]["reprogram_s"].get<double>() == 0);
  CHECK(d["accuracy"].size() == 10);
  for (const auto& a : d["accuracy"]) {
    INFO(a["layer"].get<std::string>());
    // Block-diagonal depthwise tiles drive 16 groups' rows into every column: the ADC range
    // is sized for 144 rows while a column's signal comes from 9 (docs/cim.md).
    const bool depthwise = a["layer"].get<std::string>().find(".dw") != std::string::npos;
    CHECK(a["sqnr_db"].get<double>() > (depthwise ? 0 : 15));
    CHECK(a["samples"].get<int>() > 0);
  }
  CHECK(d["adc"]["bits"] == 8);
  CHECK(d["adc"]["conversions"].get<double>() > 0);
  const double busy = d["adc"]["busy_fraction"].get<double>();
  CHECK(busy > 0);
  CHECK(busy <= 1);
  const nlohmann::json& p = d["power"];
  CHECK(p["frame_rate_hz"].get<double>() == 3);
  CHECK(p["meets_frame_rate"].get<bool>());
  CHECK(p["duty_cycle"].get<double>() < 1);
  double charge = 0, period = 0;
  for (const auto& phase : p["timeline"]) {
    charge += phase["current_a"].get<double>() * phase["duration_s"].get<double>();
    period += phase["duration_s"].get<double>();
  }
  CHECK(period == Approx(1.0 / 3));
  CHECK(p["average_current_a"].get<double>() == Approx(charge / period));
}

TEST_CASE("cim sim: MobileNetV2 outgrows the WTM2101 arrays and reprogramming is its own line") {
  const core::RunResult r = run_preset("wtm2101", kSource + "/workloads/traces/mobilenet-v2.json");
  check_layers_add_up(r);
  const nlohmann::json& res = r.details["residency"];
  CHECK(res["policy"] == "reprogram");
  CHECK(res["reprogrammed_bytes"].get<double>() > 0);
  CHECK(res["streamed_bytes"].get<double>() == 0);
  const double reprogram_s = res["reprogram_s"].get<double>();
  CHECK(reprogram_s > 0);
  CHECK(reprogram_s <= r.summary.memory_s);
  CHECK(res["reprogram_j"].get<double>() > 0);
  CHECK(r.energy["by_component"]["reload"].get<double>() > 0);
  // The layers that are reprogrammed say so in their bytes and memory time.
  bool any = false;
  for (const core::LayerResult& layer : r.layers) {
    if (layer.bytes.count("reload") == 0) continue;
    any = true;
    CHECK(layer.memory_s > 0);
    CHECK(layer.energy_j.at("reload") > 0);
  }
  CHECK(any);
}

TEST_CASE("cim sim: MobileNetV2 on four times the macros stays resident") {
  const core::RunResult r =
      run_preset("wtm2101", kSource + "/workloads/traces/mobilenet-v2.json", {"cim.macros=32"});
  CHECK(r.details["residency"]["policy"] == "resident");
  CHECK(r.details["residency"]["reprogram_s"].get<double>() == 0);
  CHECK(r.energy["by_component"].value("reload", 0.0) == 0);
}

TEST_CASE("cim sim: ResNet-18 on the SRAM-CIM preset streams weights from LPDDR4, exactly") {
  const core::RunResult r = run_preset("sram-cim-22nm", zoo_file("resnet18"));
  check_layers_add_up(r);
  const nlohmann::json& res = r.details["residency"];
  CHECK(res["policy"] == "stream");
  CHECK(res["streamed_bytes"].get<double>() > 0);
  CHECK(res["reprogrammed_bytes"].get<double>() == 0);
  CHECK(r.energy["by_component"]["dram"].get<double>() > 0);
  for (const auto& a : r.details["accuracy"]) CHECK(a["max_abs_error"].get<double>() == 0);
}
