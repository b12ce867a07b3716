// The report's tables: the headline numbers of one result, its per-layer table (sortable in
// the browser through data-v sort keys), and the side-by-side comparison of several results.
#pragma once

#include <string>
#include <vector>

#include "reports/result_view.h"

namespace axsim::reports {

std::string headline_table(const ResultView& result);
std::string layer_table(const ResultView& result, const std::string& id);
// One column per result, in the order given.
std::string comparison_table(const std::vector<ResultView>& results);

}  // namespace axsim::reports
