#include "models/systolic/systolic_config.h"

#include <stdexcept>

namespace axsim::systolic {

SystolicConfig parse_systolic_config(const core::Section& section) {
  SystolicConfig c;
  c.clock = section.frequency("clock");
  if (c.clock.si <= 0) section.fail("clock", "must be positive");

  const core::Section array = section.section("array");
  c.array.shape.rows = array.positive_integer("rows");
  c.array.shape.cols = array.positive_integer("cols");
  const std::string dataflow = array.choice(
      "dataflow", {"output_stationary", "weight_stationary", "input_stationary"});
  c.array.dataflow = compute::parse_dataflow(dataflow);
  c.array.macs_per_pe_per_cycle_8bit =
      static_cast<int>(array.positive_integer("macs_per_pe_per_cycle_8bit"));
  array.finish();

  const core::Section vector = section.section("vector");
  c.vector_ops_per_cycle = vector.positive_integer("ops_per_cycle");
  vector.finish();

  const core::Section sram = section.section("sram");
  c.sram_capacity = sram.bytes("capacity");
  if (c.sram_capacity.si <= 0) sram.fail("capacity", "must be positive");
  c.weights_resident = sram.boolean_or("weights_resident", false);
  sram.finish();

  const core::Section dram = section.section("dram");
  c.dram_bandwidth = dram.bandwidth("bandwidth");
  if (c.dram_bandwidth.si <= 0) dram.fail("bandwidth", "must be positive");
  c.dram_latency = dram.time("latency");
  if (c.dram_latency.si < 0) dram.fail("latency", "must not be negative");
  dram.finish();

  c.layer_overhead = section.time("layer_overhead");
  if (c.layer_overhead.si < 0) section.fail("layer_overhead", "must not be negative");
  c.static_power = section.power("static_power");
  c.max_tiles_per_layer = section.integer_or("max_tiles_per_layer", 64);
  if (c.max_tiles_per_layer < 1) section.fail("max_tiles_per_layer", "must be at least 1");
  section.finish();
  return c;
}

}  // namespace axsim::systolic
