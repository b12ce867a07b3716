// Configuration of the Hailo-style dataflow VPU: clusters of MAC units with their own
// memory, a network-on-chip between clusters, a host link, optional external DRAM, and the
// compiler's knobs (pipeline granularity, context-switch costs). Every key is required unless
// noted in parse_dataflow_config.
#pragma once

#include <optional>
#include <string>

#include "models/core/config.h"
#include "models/core/units.h"
#include "workloads/trace/trace.h"

namespace axsim::dataflow {

// A link that moves bytes at a sustained rate after a fixed latency per transfer.
struct LinkConfig {
  core::Bandwidth bandwidth;  // sustained
  core::Time latency;         // per transfer
};

struct DataflowConfig {
  core::Frequency clock;
  int64_t clusters = 0;
  int64_t units_per_cluster = 0;
  // MACs one compute unit retires per cycle at each operand width (int4 / int8 / int16;
  // floating point is not supported by this class of chip).
  double macs_per_cycle_int4 = 0;
  double macs_per_cycle_int8 = 0;
  double macs_per_cycle_int16 = 0;
  double efficiency = 1;               // fraction of the MAC peak a busy unit sustains
  double vector_ops_per_cycle = 0;     // element operations per cycle of a non-MAC stage
  core::Bytes cluster_memory;          // weights, line buffers and skip buffers per cluster
  core::Bandwidth noc_bandwidth;       // per stage output that crosses a cluster boundary
  LinkConfig host;                     // PCIe-class link to the host
  std::optional<LinkConfig> dram;      // SoC variants: external DRAM (from a models/mem preset)
  core::Time switch_overhead;          // per context switch: runtime and reconfiguration
  core::Bytes config_bytes_per_layer;  // configuration loaded with each layer's weights
  int64_t compile_batch = 8;           // the batch the compiler cuts contexts for
  int64_t fifo_blocks = 2;             // depth of a FIFO between neighbouring stages, in row blocks
  int64_t max_row_blocks = 64;         // a feature map moves as at most this many row blocks
  core::Power static_power;

  int64_t total_units() const { return clusters * units_per_cluster; }
  double total_memory_bytes() const { return cluster_memory.si * static_cast<double>(clusters); }
  // MACs per cycle of one unit for operands of `bits` (the wider of input and weight).
  double macs_per_cycle(int bits) const;
  // Peak operations per second (2 per MAC) of the whole chip at `bits`.
  double peak_ops_per_s(int bits) const;
  // Where context weights and cut activations live: DRAM when the chip has it, else the host.
  const LinkConfig& store_link() const { return dram ? *dram : host; }
  std::string store_name() const { return dram ? "dram" : "host"; }
};

DataflowConfig parse_dataflow_config(const core::Section& section);

}  // namespace axsim::dataflow
