// A design-space sweep as written in sweep.yaml: which configs and workloads, which config
// keys vary and how, and what to optimise. Every point is a config plus `--set` overrides, so
// any config key can be an axis.
//
//   name: array-vs-bandwidth
//   configs: [../configs/systolic/tpu-v1.yaml]      # relative to this file
//   workloads: [../workloads/traces/resnet50.json]
//   combine: product                                # or zip (axes of equal length)
//   axes:
//     systolic.array.rows: [64, 128, 256]           # a list of values
//     systolic.clock: {values: ["350 MHz", "700 MHz"]}
//     systolic.vector.ops_per_cycle: {from: 64, to: 256, step: 64}      # linear range
//     systolic.sram.capacity: {from: 4, to: 64, count: 5, log: true, unit: MiB}  # log range
//   constraints: ["systolic.array.rows * systolic.array.cols <= 65536"]   # see constraint.h
//   sample: {method: lhs, count: 20, seed: 1}       # or random; default: every point
//   objectives: [latency_s, energy_j]               # summary keys, all minimised
//                                                   # (objective_keys() lists them)
//   slurm: {partition: batch, time: "0:10:00"}      # for --backend slurm (slurm_settings.h)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sweep/constraint.h"
#include "sweep/slurm_settings.h"

namespace axsim::sweep {

struct Axis {
  std::string key;                  // dotted config key, e.g. "systolic.array.rows"
  std::vector<std::string> values;  // as --set values
};

enum class Combine { product, zip };

// Which of the combined points run: all of them, a seeded uniform random subset, or a Latin
// hypercube (every axis's values covered evenly by `count` points).
struct Sampling {
  enum class Method { all, random, lhs };
  Method method = Method::all;
  size_t count = 0;
  uint64_t seed = 1;
};

struct SweepSpec {
  std::string name;
  std::string file;                    // where it was read from
  std::vector<std::string> configs;    // resolved paths
  std::vector<std::string> workloads;  // resolved paths
  Combine combine = Combine::product;
  std::vector<Axis> axes;
  std::vector<Constraint> constraints;
  Sampling sampling;
  std::vector<std::string> objectives;  // keys of the result's summary, minimised
  SlurmSettings slurm;                  // how --backend slurm submits the points
};

// The summary keys an objective may name.
const std::vector<std::string>& objective_keys();

// InputError naming file, line and key for anything malformed.
SweepSpec load_sweep_spec(const std::string& path);

}  // namespace axsim::sweep
