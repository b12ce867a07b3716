// "Where the time goes": a few sentences generated from a result's numbers, so the reader
// gets the conclusion before the charts. Each sentence states only what the numbers show.
#pragma once

#include <string>
#include <vector>

#include "reports/result_view.h"

namespace axsim::reports {

// Plain text (not yet HTML-escaped), 2 to 4 sentences.
std::vector<std::string> where_the_time_goes(const ResultView& result);

}  // namespace axsim::reports
