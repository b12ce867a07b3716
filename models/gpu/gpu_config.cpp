#include "models/gpu/gpu_config.h"

#include <charconv>
#include <stdexcept>

#include "models/mem/dram/dram_config.h"

namespace axsim::gpu {

namespace {

GpuConfig::Origin origin_of(const core::Section& section, const std::string& key) {
  const core::ConfigNode& node = section.node().has(key) ? section.node().at(key) : section.node();
  const std::string& parent = section.node().path();
  return {node.location(), parent.empty() ? key : parent + "." + key};
}

std::map<trace::DType, int64_t> parse_tensor_rates(const core::Section& tensor) {
  const core::Section rates = tensor.section("macs_per_sm_per_cycle");
  std::map<trace::DType, int64_t> out;
  for (const std::string& key : rates.node().keys()) {
    trace::DType dtype{};
    try {
      dtype = trace::parse_dtype(key);
    } catch (const std::invalid_argument& e) {
      throw core::InputError(rates.node().at(key).location(), rates.node().path(), e.what());
    }
    out[dtype] = rates.positive_integer(key);
  }
  if (out.empty()) tensor.fail("macs_per_sm_per_cycle", "needs at least one precision");
  return out;
}

int64_t tile_dimension(const core::ConfigNode& item) {
  int64_t value = 0;
  const std::string& text = item.is_scalar() ? item.scalar() : std::string();
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!item.is_scalar() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    throw core::InputError(item.location(), item.path(),
                           "expected a positive integer, got '" + text + "'");
  }
  return value;
}

std::vector<GemmTile> parse_tiles(const core::Section& gemm) {
  const core::ConfigNode& list = gemm.child("tiles");
  if (!list.is_sequence() || list.items().empty()) {
    gemm.fail("tiles", "expected a non-empty list of [BM, BN, BK] tiles");
  }
  std::vector<GemmTile> tiles;
  for (const core::ConfigNode& item : list.items()) {
    if (!item.is_sequence() || item.items().size() != 3) {
      throw core::InputError(item.location(), item.path(), "expected [BM, BN, BK]");
    }
    tiles.push_back({tile_dimension(item.items()[0]), tile_dimension(item.items()[1]),
                     tile_dimension(item.items()[2])});
  }
  return tiles;
}

IdealMemoryConfig parse_ideal_memory(const core::Section& ideal) {
  IdealMemoryConfig c;
  c.bandwidth = ideal.bandwidth("bandwidth");
  if (c.bandwidth.si <= 0) ideal.fail("bandwidth", "must be positive");
  c.latency = ideal.time("latency");
  c.capacity = ideal.bytes("capacity");
  if (c.capacity.si <= 0) ideal.fail("capacity", "must be positive");
  return c;
}

ParallelConfig parse_parallel(const core::Section& parallel) {
  ParallelConfig c;
  c.gpus = parallel.positive_integer("gpus");
  if (c.gpus > 1 || parallel.has("link_bandwidth")) {
    c.link_bandwidth = parallel.bandwidth("link_bandwidth");
    if (c.link_bandwidth.si <= 0) parallel.fail("link_bandwidth", "must be positive");
    c.link_latency = parallel.time("link_latency");
  }
  return c;
}

}  // namespace

std::vector<GemmTile> default_gemm_tiles() {
  return {{128, 256, 64}, {256, 128, 64}, {128, 128, 64},
          {128, 64, 64},  {64, 128, 64},  {64, 64, 64}};
}

GpuConfig parse_gpu_config(const core::Section& section) {
  GpuConfig c;
  c.sms = section.positive_integer("sms");
  c.clock = section.frequency("clock");
  if (c.clock.si <= 0) section.fail("clock", "must be positive");

  c.tensor_macs_per_sm_per_cycle = parse_tensor_rates(section.section("tensor"));
  const core::Section vector = section.section("vector");
  c.fp32_ops_per_sm_per_cycle = vector.positive_integer("fp32_ops_per_cycle");
  c.sfu_ops_per_sm_per_cycle = vector.positive_integer("sfu_ops_per_cycle");

  c.shared_memory_per_sm = section.bytes("shared_memory_per_sm");
  if (c.shared_memory_per_sm.si <= 0) section.fail("shared_memory_per_sm", "must be positive");

  const core::Section l2 = section.section("l2");
  c.l2_capacity = l2.bytes("capacity");
  if (c.l2_capacity.si <= 0) l2.fail("capacity", "must be positive");
  c.l2_bandwidth = l2.bandwidth("bandwidth");
  if (c.l2_bandwidth.si <= 0) l2.fail("bandwidth", "must be positive");
  c.l2_reuse_fraction = l2.positive_number("reuse_fraction");
  if (c.l2_reuse_fraction > 1) l2.fail("reuse_fraction", "must be at most 1");

  c.gemm_tiles = default_gemm_tiles();
  c.tiles_origin = origin_of(section, "gemm");
  if (section.has("gemm")) {
    const core::Section gemm = section.section("gemm");
    c.tiles_origin = origin_of(gemm, "tiles");
    if (gemm.has("tiles")) c.gemm_tiles = parse_tiles(gemm);
    c.pipeline_stages = gemm.integer_or("pipeline_stages", 2);
    if (c.pipeline_stages < 1) gemm.fail("pipeline_stages", "must be at least 1");
    c.max_split_k = gemm.integer_or("max_split_k", 16);
    if (c.max_split_k < 1) gemm.fail("max_split_k", "must be at least 1");
    c.cluster = gemm.integer_or("cluster", 2);
    if (c.cluster < 1) gemm.fail("cluster", "must be at least 1");
  }

  const bool has_dram = section.has("memory");
  const bool has_ideal = section.has("ideal_memory");
  if (has_dram == has_ideal) {
    section.fail(has_dram ? "ideal_memory" : "memory",
                 has_dram ? "give either memory (a DRAM memory preset) or ideal_memory, not both"
                          : "missing: memory (a DRAM memory preset) or ideal_memory");
  }
  if (has_dram) {
    c.memory_origin = origin_of(section, "memory");
    c.dram_memory = mem::load_memory_node(section.child("memory"));
  } else {
    c.memory_origin = origin_of(section, "ideal_memory");
    c.ideal_memory = parse_ideal_memory(section.section("ideal_memory"));
  }

  c.launch_overhead = section.time("launch_overhead");
  c.static_power = section.power("static_power");
  c.gpus_origin = origin_of(section, "parallel");
  if (section.has("parallel")) {
    const core::Section parallel = section.section("parallel");
    c.gpus_origin = origin_of(parallel, "gpus");
    c.parallel = parse_parallel(parallel);
  }
  section.finish();
  return c;
}

}  // namespace axsim::gpu
