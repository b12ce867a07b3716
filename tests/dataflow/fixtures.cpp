#include "tests/dataflow/fixtures.h"

#include <systemc>

#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/result.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "workloads/zoo/zoo.h"

namespace axsim::test {

namespace {

const std::string kSource = AXSIM_SOURCE_DIR;

nlohmann::json run_here(const core::Section& section, const core::TechTable& tech,
                        const trace::Trace& trace) {
  auto accelerator = run::accelerators().get("dataflow").factory({section, tech});
  accelerator->build(trace);
  sc_core::sc_start();
  core::RunResult result;
  accelerator->collect(result);
  return core::result_to_json(result);
}

}  // namespace

std::string chip_section(int clusters, const std::string& cluster_memory, const std::string& dram) {
  return "clock: 400 MHz\n"
         "clusters: " +
         std::to_string(clusters) +
         "\n"
         "units_per_cluster: 32\n"
         "unit:\n"
         "  macs_per_cycle: {int4: 128, int8: 64, int16: 16}\n"
         "  efficiency: 0.5\n"
         "  vector_ops_per_cycle: 64\n"
         "cluster_memory: " +
         cluster_memory +
         "\n"
         "noc: {bandwidth: 12.8 GB/s}\n"
         "host: {bandwidth: 3.2 GB/s, latency: 1 us}\n" +
         dram +
         "context: {switch_overhead: 100 us, config_bytes_per_layer: 4 KiB}\n"
         "static_power: 1 W\n";
}

dataflow::DataflowConfig parse_chip(const std::string& section_text) {
  const core::ConfigNode node = core::parse_config_text(section_text, "chip.yaml");
  return dataflow::parse_dataflow_config(core::Section(node));
}

dataflow::DataflowConfig preset(const std::string& name) {
  const core::ConfigNode root = core::load_config(kSource + "/configs/dataflow/" + name + ".yaml");
  const core::Section top(root);
  return dataflow::parse_dataflow_config(top.section("dataflow"));
}

nlohmann::json simulate_dataflow(const std::string& section_text, const trace::Trace& trace) {
  const core::TechTable tech = core::load_tech_table(kSource + "/configs/tech/dataflow-16nm.yaml");
  const core::ConfigNode node = core::parse_config_text(section_text, "chip.yaml");
  return run_here(core::Section(node), tech, trace);
}

nlohmann::json simulate_preset(const std::string& name, const trace::Trace& trace) {
  const core::ConfigNode root = core::load_config(kSource + "/configs/dataflow/" + name + ".yaml");
  const core::Section top(root);
  const core::TechTable tech = core::load_tech_table(run::resolve_config_path(top.child("tech")));
  return run_here(top.section("dataflow"), tech, trace);
}

trace::Trace zoo_network(const std::string& name, int64_t batch, int64_t input_size) {
  zoo::ZooOptions options;
  options.batch = batch;
  options.input_size = input_size;
  return zoo::make_network(name, options);
}

}  // namespace axsim::test
