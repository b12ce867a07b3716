// The part of a result page only compute-in-memory results have: power over one frame, the
// figures at the frame rate, where the weights live (and what did not fit), and the ADC's
// accuracy per layer.
#pragma once

#include <string>

#include "reports/cim_details.h"

namespace axsim::reports {

// `n` is the result's index on the page, keeping element ids unique across results.
std::string render_cim_section(const CimDetails& cim, const std::string& n);

}  // namespace axsim::reports
