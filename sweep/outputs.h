// What a sweep leaves behind: results.jsonl (one line per point), summary.csv (one row per
// point, axes as columns, Pareto membership flagged) and pareto.csv (the front alone).
#pragma once

#include <string>
#include <vector>

#include "sweep/runner.h"
#include "sweep/sweep_spec.h"

namespace axsim::sweep {

// The objective's value from a result summary (negated for neg_* objectives).
double objective_value(const nlohmann::json& summary, const std::string& objective);

// Writes the three files atomically; returns how many points are on a Pareto front (one
// front per workload).
size_t write_outputs(const SweepSpec& spec, const std::vector<PointOutcome>& outcomes,
                     const std::string& out_dir);

}  // namespace axsim::sweep
