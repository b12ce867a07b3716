// Configuration of the compute-in-memory NPU ("cim"): tiles of CIM macros (models/cim/macro.h)
// with their DACs and ADCs, the weight-reload path for networks larger than the arrays, an
// activation buffer and bus, an activation/pooling unit, a small CPU for what the array
// cannot run, optional external memory, and the chip's power states. docs/cim.md lists keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/cim/macro.h"
#include "models/core/config.h"
#include "models/core/units.h"
#include "models/mem/dram/dram_spec.h"

namespace axsim::cim {

enum class CellKind { nor_flash, sram };
enum class AdcKind { analog, digital };
// What happens to weights that do not fit the arrays: programmed into NVM cells again every
// inference (slow, costly), or streamed from external memory into SRAM cells.
enum class ReloadPolicy { reprogram, stream };
enum class SleepMode { sleep, idle };

const char* reload_policy_name(ReloadPolicy policy);

struct AdcConfig {
  AdcKind kind = AdcKind::analog;
  // Conversion energy in the tech table (`adc_conversion`) is for this resolution; analog
  // ADCs scale it by 2^(bits - reference_bits), digital adder trees by bits / reference_bits.
  int reference_bits = 8;
  // The ADC's reference is set per layer to the largest partial sum the layer's tile rows can
  // produce (a gain setting), instead of the whole array's range. Only when the macro's
  // adc_range_bits is 0.
  bool range_per_layer = false;
};

struct ReloadConfig {
  ReloadPolicy policy = ReloadPolicy::reprogram;
  core::Time row_time;          // writing one row of one macro (NVM program pulse + verify)
  int64_t parallel_macros = 1;  // macros written at the same time
};

struct PowerConfig {
  double supply_v = 0;
  double frame_rate_hz = 0;            // 0: one inference, no frame period
  double active_static_current_a = 0;  // clock tree and leakage while running
  double idle_current_a = 0;
  double sleep_current_a = 0;
  core::Time wakeup_time;
  core::Energy wakeup_energy;
  SleepMode between_frames = SleepMode::sleep;
};

struct AccuracyConfig {
  int64_t vectors = 4;   // sampled input vectors per layer
  int64_t columns = 16;  // sampled output columns per layer
  uint64_t seed = 1;
  double read_noise_lsb = 0;  // Gaussian read noise in ADC steps (0: deterministic, as the RTL)
};

struct CimConfig {
  core::Frequency clock;
  CellKind cell = CellKind::nor_flash;
  MacroGeometry macro;
  int64_t macros = 0;
  // Depthwise (grouped) layers: at most this many groups share one macro tile, block-diagonal.
  // More groups per MVM, but the off-diagonal cells are lost to other layers and every driven
  // row adds to each column's partial sum, so the ADC's range grows.
  int64_t depthwise_groups_per_tile = 16;
  double adc_cycles_per_bit = 0;  // > 0: conversion_cycles = ceil(adc_bits x this)
  AdcConfig adc;
  ReloadConfig reload;
  core::Bytes buffer_capacity;       // on-chip activation buffer
  int64_t bus_bytes_per_cycle = 0;   // buffer <-> macro input FIFOs and output registers
  int64_t vector_ops_per_cycle = 0;  // activation / pooling unit
  core::Frequency cpu_clock;
  double cpu_ops_per_cycle = 0;
  core::Time layer_overhead;            // per layer: configuration of macros, muxes, DMA
  std::optional<mem::DramSpec> memory;  // external memory; absent: everything must fit
  PowerConfig power;
  AccuracyConfig accuracy;
};

// Reads the `cim:` section. Every problem is an InputError naming file, line and key.
CimConfig parse_cim_config(const core::Section& section);

// Bytes of weights the arrays hold: macros x rows x logical columns x weight_bits / 8.
double weight_store_bytes(const CimConfig& config);
// MACs per second with every macro busy: macros x rows x logical columns / mvm_cycles x clock.
double peak_macs_per_s(const CimConfig& config);

}  // namespace axsim::cim
