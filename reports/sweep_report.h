// `axsim report <sweep>/results.jsonl`: a sweep (docs/sweeps.md) as one self-contained HTML
// page: per workload a scatter of two summary values with their Pareto front and a sortable
// table of the points, then the points that failed with their errors.
#pragma once

#include <string>

#include "reports/sweep_report_points.h"
#include "reports/sweep_report_scatter.h"

namespace axsim::reports {

// Throws core::InputError when no finished point has a value for one of the plotted keys.
std::string render_sweep_report(const SweepView& sweep, const ScatterKeys& keys);

}  // namespace axsim::reports
