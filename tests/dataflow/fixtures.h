// Shared pieces of the dataflow tests: a small chip's config text, configs parsed from text,
// and a whole simulation in this process (each Catch2 case runs in its own process).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "models/dataflow/dataflow_config.h"
#include "workloads/trace/trace.h"

namespace axsim::test {

// A `dataflow:` section body for a chip of `clusters` x 32 units (int8: 64 MACs per unit per
// cycle at 400 MHz) with `cluster_memory` each; `dram` is an optional `dram:` line.
std::string chip_section(int clusters, const std::string& cluster_memory,
                         const std::string& dram = "");
dataflow::DataflowConfig parse_chip(const std::string& section_text);
dataflow::DataflowConfig preset(const std::string& name);  // configs/dataflow/<name>.yaml

// Elaborates and runs once: call at most once per process.
nlohmann::json simulate_dataflow(const std::string& section_text, const trace::Trace& trace);
nlohmann::json simulate_preset(const std::string& name, const trace::Trace& trace);

trace::Trace zoo_network(const std::string& name, int64_t batch, int64_t input_size = 0);

}  // namespace axsim::test
