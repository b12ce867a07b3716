// Comparison of a case's result with its golden snapshot. Pure functions: no files, no
// processes, so every rule is unit-tested on hand-made snapshots.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "regress/snapshot.h"
#include "regress/tolerances.h"

namespace axsim::regress {

struct Check {
  std::string metric;            // "latency_s", "bytes.dram", "layers", "layer latency_s", ...
  std::optional<double> golden;  // absent when the metric has no golden number
  std::optional<double> now;     // absent when the run has no number for it
  double change = 0;             // relative: (now - golden) / |golden|
  double tolerance = 0;          // relative
  bool pass = true;
  std::string note;  // what the numbers cannot say: worst layer, renames, hints
};

// (now - golden) / |golden|; 0 when both are 0, ±infinity when only golden is 0.
double relative_change(double golden, double now);

// Summary metrics in table order, then the layer list (names and ops must match exactly),
// then the worst per-layer latency change when the lists match.
std::vector<Check> compare(const Snapshot& golden, const Snapshot& now,
                           const Tolerances& tolerances);

// The one failing check reported for a case without a golden file.
Check missing_golden(const std::string& golden_path, const std::string& suite_file);
// The one failing check reported for a case whose `axsim run` failed.
Check run_failed(const std::string& error);

bool all_pass(const std::vector<Check>& checks);

}  // namespace axsim::regress
