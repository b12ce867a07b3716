// The CIM presets through the axsim binary, as a user runs them: the result's CIM details, a
// frame rate the chip cannot meet set with --set, the ADC-bits trade-off across runs, and a
// config error naming its key. Fidelity numbers at length live in bench/bench_cim.cpp.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_command.h"

namespace fs = std::filesystem;

namespace {

using Outcome = axsim::test::CommandOutcome;
using axsim::test::run_axsim;
using axsim::test::fresh_dir;

const std::string kSource = AXSIM_SOURCE_DIR;

nlohmann::json run_wtm2101(const std::string& trace, const fs::path& out,
                           const std::string& sets = "") {
  const Outcome o =
      run_axsim("run -q " + kSource + "/configs/cim/wtm2101.yaml " + kSource +
                "/workloads/traces/" + trace + ".json -o " + out.string() + " " + sets);
  INFO(o.output);
  REQUIRE(o.exit_code == 0);
  std::ifstream in(out / "result.json");
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("cim e2e: DS-CNN on the WTM2101 preset writes the CIM details") {
  const nlohmann::json r = run_wtm2101("ds-cnn", fresh_dir("cim-e2e-ds-cnn"));
  CHECK(r["meta"]["kind"] == "cim");
  CHECK(r["meta"]["config_name"] == "wtm2101");
  const nlohmann::json& d = r["details"];
  for (const char* key :
       {"weight_bytes", "weight_store_bytes", "macros", "macros_used", "duplication_factor",
        "reprogrammed_bytes", "streamed_bytes", "reprogram_s", "reprogram_j", "policy"}) {
    CHECK(d["residency"].contains(key));
  }
  for (const char* key : {"bits", "conversions", "busy_fraction"}) CHECK(d["adc"].contains(key));
  for (const char* key :
       {"frame_rate_hz", "supply_v", "duty_cycle", "average_current_a", "average_power_w",
        "active_current_a", "idle_current_a", "sleep_current_a", "timeline"}) {
    CHECK(d["power"].contains(key));
  }
  REQUIRE(d["accuracy"].size() == 10);
  CHECK(d["accuracy"][0].contains("sqnr_db"));
  CHECK(d["accuracy"][0].contains("max_abs_error"));
  CHECK(d["accuracy"][0].contains("samples"));
  CHECK(d["accuracy"][0]["layer"] == "conv1");
}

TEST_CASE("cim e2e: a frame rate faster than the inference is reported as not met") {
  const nlohmann::json r =
      run_wtm2101("ds-cnn", fresh_dir("cim-e2e-fast-frames"), "--set cim.power.frame_rate='1 kHz'");
  const nlohmann::json& p = r["details"]["power"];
  CHECK(p["frame_rate_hz"].get<double>() == 1000);
  CHECK(p["duty_cycle"].get<double>() > 1);
  CHECK_FALSE(p["meets_frame_rate"].get<bool>());
}

TEST_CASE("cim e2e: raising ADC bits raises SQNR, energy and latency") {
  const nlohmann::json low = run_wtm2101("ds-cnn", fresh_dir("cim-e2e-adc6"), "--set cim.macro.adc_bits=6");
  const nlohmann::json high =
      run_wtm2101("ds-cnn", fresh_dir("cim-e2e-adc10"), "--set cim.macro.adc_bits=10");
  CHECK(high["summary"]["latency_s"].get<double>() > low["summary"]["latency_s"].get<double>());
  CHECK(high["summary"]["energy_j"].get<double>() > low["summary"]["energy_j"].get<double>());
  const double sqnr_low = low["details"]["accuracy"][0]["sqnr_db"].get<double>();
  const double sqnr_high = high["details"]["accuracy"][0]["sqnr_db"].get<double>();
  CHECK(sqnr_high > sqnr_low + 6);
}

TEST_CASE("cim e2e: an ADC of 0 bits is a config error naming the key") {
  const fs::path dir = fresh_dir("cim-e2e-bad-adc");
  const Outcome o =
      run_axsim("run -q " + kSource + "/configs/cim/wtm2101.yaml " + kSource +
                "/workloads/traces/ds-cnn.json -o " + dir.string() + " --set cim.macro.adc_bits=0");
  CHECK(o.exit_code != 0);
  CHECK_THAT(o.output, Catch::Contains("cim.macro.adc_bits"));
  CHECK_FALSE(fs::exists(dir / "result.json"));
}
