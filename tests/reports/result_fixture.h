// Small hand-written results for the report tests: a few layers with known stalls, so the
// expected geometry and text follow from the numbers by hand.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace axsim::reports::test {

inline nlohmann::json layer(const std::string& name, const std::string& op,
                            const std::string& unit, double compute_s, double memory_s,
                            double other_s, double macs, double dram_bytes) {
  const double latency_s = compute_s + memory_s + other_s;
  return {{"name", name},
          {"op", op},
          {"unit", unit},
          {"start_s", 0.0},
          {"latency_s", latency_s},
          {"cycles", 0},
          {"stall", {{"compute_s", compute_s}, {"memory_s", memory_s}, {"other_s", other_s}}},
          {"macs", macs},
          {"vector_ops", 0},
          {"utilization", unit == "array" ? 0.5 : 0.0},
          {"bytes", {{"dram", dram_bytes}, {"sram", 2 * dram_bytes}}},
          {"energy_j", {{"array", 1e-6}, {"dram", 2e-6}}}};
}

// Three layers: an array layer bound by compute, an array layer bound by memory, a vector one.
inline nlohmann::json small_result(const std::string& trace_name = "tiny-net") {
  nlohmann::json layers = nlohmann::json::array();
  layers.push_back(layer("conv1", "conv2d", "array", 4e-6, 1e-6, 0.5e-6, 4e6, 1e5));
  layers.push_back(layer("fc", "linear", "array", 1e-6, 6e-6, 0.5e-6, 1e6, 4e5));
  layers.push_back(layer("relu", "activation", "vector", 1e-6, 0, 0.5e-6, 0, 0));
  return {{"schema", "axsim-result"},
          {"schema_version", 1},
          {"meta",
           {{"axsim_version", "0.1.0"},
            {"kind", "systolic"},
            {"config_name", "tiny-acc"},
            {"config_file", "tiny.yaml"},
            {"config_hash", "0123456789abcdef"},
            {"overrides", nlohmann::json::array()},
            {"trace_name", trace_name},
            {"trace_file", "tiny.json"},
            {"trace_hash", "fedcba9876543210"},
            {"wall_time_s", 0.01},
            {"started_at", "2026-01-01T00:00:00Z"}}},
          {"summary",
           {{"latency_s", 15e-6},
            {"cycles", 15000},
            {"clock_hz", 1e9},
            {"batch", 1},
            {"inferences_per_s", 1 / 15e-6},
            {"macs", 5e6},
            {"achieved_ops_per_s", 1e7 / 15e-6},
            {"peak_ops_per_s", 1e13},
            {"utilization", 1e7 / 15e-6 / 1e13},
            {"energy_j", 1e-5},
            {"average_power_w", 1e-5 / 15e-6},
            {"stall", {{"compute_s", 6e-6}, {"memory_s", 7e-6}, {"other_s", 1.5e-6}}},
            {"bytes", {{"dram", 5e5}, {"sram", 1e6}}}}},
          {"layers", layers},
          {"energy",
           {{"total_j", 1e-5},
            {"dynamic_j", 4e-6},
            {"static_j", 6e-6},
            {"tech", {{"name", "test-tech"}, {"source", "a test"}}},
            {"by_component", {{"array", 3e-6}, {"dram", 6e-6}, {"static", 1e-6}}},
            {"by_action", nlohmann::json::object()}}},
          {"stats",
           {{"summary",
             {{"dram_bandwidth_peak",
               {{"value", 1e11}, {"unit", "B/s"}, {"description", "peak"}}}}}}}};
}

}  // namespace axsim::reports::test
