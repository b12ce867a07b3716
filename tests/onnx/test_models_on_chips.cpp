// Public ONNX models (workloads/fetch-models.sh) imported with int8 quantization and run on the
// CIM and dataflow presets through the axsim binary, as a user would: every model on both
// chips, and closer checks where a model suits a chip (the openWakeWord head on the
// WTM2101-class CIM chip, PaddleOCR v4 text detection on Hailo-8). Without the files the tests
// pass with a message saying how to fetch them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using axsim::test::fresh_dir;
using axsim::test::run_axsim;

const std::string kSource = AXSIM_SOURCE_DIR;

bool fetched(const std::string& file) {
  if (fs::exists(kSource + "/workloads/models/" + file)) return true;
  WARN("skipped: " << file << " is not fetched; run workloads/fetch-models.sh");
  return false;
}

// axsim import (int8) into dir/trace.json.
std::string import_model(const std::string& model, const std::string& import_options,
                         const fs::path& dir) {
  const std::string trace = (dir / "trace.json").string();
  const auto imported = run_axsim("import " + kSource + "/workloads/models/" + model +
                                  " --quantize int8 " + import_options + " -o " + trace);
  INFO(imported.output);
  REQUIRE(imported.exit_code == 0);
  return trace;
}

// axsim run of a trace on a preset; returns result.json.
nlohmann::json run_on(const std::string& config, const std::string& trace, const fs::path& out) {
  const auto ran = run_axsim("run " + kSource + "/configs/" + config + " " + trace + " -o " +
                             out.string());
  INFO(ran.output);
  REQUIRE(ran.exit_code == 0);
  std::ifstream in(out / "result.json");
  return nlohmann::json::parse(in);
}

nlohmann::json import_and_run(const std::string& model, const std::string& import_options,
                              const std::string& config, const fs::path& dir) {
  return run_on(config, import_model(model, import_options, dir), dir / "out");
}

}  // namespace

TEST_CASE("models on chips: the openWakeWord head runs resident on the WTM2101 arrays") {
  if (!fetched("openwakeword-hello-deepa.onnx")) return;
  const nlohmann::json r = import_and_run("openwakeword-hello-deepa.onnx", "",
                                          "cim/wtm2101.yaml", fresh_dir("onnx-chips-cim"));
  CHECK(r["meta"]["kind"] == "cim");
  const nlohmann::json& residency = r["details"]["residency"];
  CHECK(residency["policy"] == "resident");
  CHECK(residency["reprogrammed_bytes"].get<double>() == 0.0);
  // Its three linear layers, about 78 k int8 weights, are on the arrays with a measured error.
  CHECK(residency["weight_bytes"].get<double>() > 70e3);
  CHECK(residency["weight_bytes"].get<double>() < 90e3);
  REQUIRE(r["details"]["accuracy"].size() == 3);
  for (const auto& layer : r["details"]["accuracy"]) CHECK(layer["sqnr_db"].get<double>() > 5.0);
  // A wake-word head at the preset's rate keeps the chip asleep almost all the time.
  CHECK(r["details"]["power"]["duty_cycle"].get<double>() < 0.05);
  CHECK(r["details"]["power"]["average_current_a"].get<double>() > 0);
}

TEST_CASE("models on chips: PaddleOCR v4 detection at 640x640 fits one Hailo-8 context") {
  if (!fetched("paddleocr-det-v4.onnx")) return;
  const nlohmann::json r = import_and_run("paddleocr-det-v4.onnx",
                                          "--input-shape x=1x3x640x640 --unsupported=cpu",
                                          "dataflow/hailo8.yaml", fresh_dir("onnx-chips-vpu"));
  CHECK(r["meta"]["kind"] == "dataflow");
  const nlohmann::json& pipeline = r["details"]["pipeline"];
  CHECK(pipeline["contexts"].get<int>() == 1);
  CHECK(pipeline["fps_batch1"].get<double>() ==
        Approx(pipeline["fps_batch"].get<double>()).epsilon(0.01));
  // 2.3 G MACs per frame on a 26 TOPS chip: hundreds to a few thousand frames per second.
  CHECK(pipeline["fps_batch1"].get<double>() > 500);
  CHECK(pipeline["fps_batch1"].get<double>() < 6000);
  CHECK(r["summary"]["utilization"].get<double>() > 0.1);
}

TEST_CASE("models on chips: every public model runs on the CIM and the dataflow preset") {
  struct Model {
    const char* file;
    const char* import_options;
  };
  const Model models[] = {
      {"openwakeword-hello-deepa.onnx", ""},
      {"paddleocr-det-v4.onnx", "--input-shape x=1x3x640x640 --unsupported=cpu"},
      {"paddleocr-rec-v4.onnx", "--input-shape x=1x3x48x320 --unsupported=cpu"},
      {"paddleocr-cls-v2.onnx", "--input-shape x=1x3x48x192 --unsupported=cpu"}};
  for (const Model& m : models) {
    if (!fetched(m.file)) continue;
    const fs::path dir = fresh_dir(std::string("onnx-chips-") + m.file);
    const std::string trace = import_model(m.file, m.import_options, dir);
    std::ifstream trace_in(trace);
    const size_t layers = nlohmann::json::parse(trace_in)["layers"].size();
    for (const char* config : {"cim/wtm2101.yaml", "dataflow/hailo8.yaml"}) {
      INFO(m.file << " on " << config);
      const nlohmann::json r = run_on(config, trace, dir / fs::path(config).stem());
      CHECK(r["layers"].size() == layers);
      CHECK(r["summary"]["latency_s"].get<double>() > 0);
      CHECK(r["summary"]["energy_j"].get<double>() > 0);
      // Whatever the arrays cannot take is on record, not lost.
      if (r["meta"]["kind"] == "cim") CHECK(r["details"].contains("cpu_fallback"));
    }
  }
}
