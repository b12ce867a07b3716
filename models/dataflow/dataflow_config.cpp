#include "models/dataflow/dataflow_config.h"

#include "models/mem/dram/dram_config.h"

namespace axsim::dataflow {

double DataflowConfig::macs_per_cycle(int bits) const {
  if (bits <= 4) return macs_per_cycle_int4;
  if (bits <= 8) return macs_per_cycle_int8;
  return macs_per_cycle_int16;
}

double DataflowConfig::peak_ops_per_s(int bits) const {
  return 2.0 * macs_per_cycle(bits) * static_cast<double>(total_units()) * clock.si;
}

namespace {

LinkConfig parse_link(const core::Section& s) {
  LinkConfig l;
  l.bandwidth = s.bandwidth("bandwidth");
  if (l.bandwidth.si <= 0) s.fail("bandwidth", "must be positive");
  l.latency = s.time("latency");
  if (l.latency.si < 0) s.fail("latency", "must not be negative");
  return l;
}

double positive(const core::Section& s, const std::string& key) { return s.positive_number(key); }

}  // namespace

DataflowConfig parse_dataflow_config(const core::Section& section) {
  DataflowConfig c;
  c.clock = section.frequency("clock");
  if (c.clock.si <= 0) section.fail("clock", "must be positive");
  c.clusters = section.positive_integer("clusters");
  c.units_per_cluster = section.positive_integer("units_per_cluster");

  const core::Section unit = section.section("unit");
  const core::Section macs = unit.section("macs_per_cycle");
  c.macs_per_cycle_int4 = positive(macs, "int4");
  c.macs_per_cycle_int8 = positive(macs, "int8");
  c.macs_per_cycle_int16 = positive(macs, "int16");
  c.efficiency = unit.positive_number("efficiency");
  if (c.efficiency > 1) unit.fail("efficiency", "is a fraction of the peak: at most 1");
  c.vector_ops_per_cycle = unit.positive_number("vector_ops_per_cycle");

  c.cluster_memory = section.bytes("cluster_memory");
  if (c.cluster_memory.si <= 0) section.fail("cluster_memory", "must be positive");

  const core::Section noc = section.section("noc");
  c.noc_bandwidth = noc.bandwidth("bandwidth");
  if (c.noc_bandwidth.si <= 0) noc.fail("bandwidth", "must be positive");

  c.host = parse_link(section.section("host"));

  if (section.has("dram")) {
    const core::Section dram = section.section("dram");
    const mem::DramSpec spec = mem::load_memory_node(dram.child("memory"));
    const double efficiency = dram.positive_number("efficiency");
    if (efficiency > 1) dram.fail("efficiency", "is a fraction of the peak: at most 1");
    LinkConfig l;
    l.bandwidth = core::Bandwidth{spec.peak_bandwidth().si * efficiency};
    l.latency = dram.time("latency");
    if (l.latency.si < 0) dram.fail("latency", "must not be negative");
    c.dram = l;
  }

  const core::Section context = section.section("context");
  c.switch_overhead = context.time("switch_overhead");
  if (c.switch_overhead.si < 0) context.fail("switch_overhead", "must not be negative");
  c.config_bytes_per_layer = context.bytes("config_bytes_per_layer");
  if (c.config_bytes_per_layer.si < 0) {
    context.fail("config_bytes_per_layer", "must not be negative");
  }
  c.compile_batch = context.integer_or("compile_batch", c.compile_batch);
  if (c.compile_batch < 1) context.fail("compile_batch", "must be at least 1");

  if (section.has("pipeline")) {
    const core::Section pipeline = section.section("pipeline");
    c.fifo_blocks = pipeline.integer_or("fifo_blocks", c.fifo_blocks);
    if (c.fifo_blocks < 1) pipeline.fail("fifo_blocks", "must be at least 1");
    c.max_row_blocks = pipeline.integer_or("max_row_blocks", c.max_row_blocks);
    if (c.max_row_blocks < 1) pipeline.fail("max_row_blocks", "must be at least 1");
  }

  c.static_power = section.power("static_power");
  if (c.static_power.si < 0) section.fail("static_power", "must not be negative");
  section.finish();
  return c;
}

}  // namespace axsim::dataflow
