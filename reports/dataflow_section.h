// The part of a result page only dataflow results have: the pipeline (which stage holds the
// others back), the frame rates at batch 1 and N, and the compiler's plan of contexts, layers
// and clusters.
#pragma once

#include <string>
#include <vector>

#include "reports/dataflow_details.h"

namespace axsim::reports {

// `n` is the result's index on the page, keeping element ids unique across results.
std::string render_dataflow_section(const DataflowDetails& dataflow, const std::string& n);

// Sorted cluster indices as ranges: {0, 1, 2, 3, 6} -> "0–3, 6".
std::string cluster_ranges(std::vector<int> clusters);

}  // namespace axsim::reports
