// Energy by component (array, vector, SRAM, DRAM, static...) as horizontal bars, largest
// first, each labelled with its joules and its share of the total.
#pragma once

#include <string>

#include "reports/result_view.h"

namespace axsim::reports {

std::string render_energy_chart(const ResultView& result, const std::string& id);

}  // namespace axsim::reports
