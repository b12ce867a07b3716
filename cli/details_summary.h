// The lines `axsim run` adds to its summary for what only one kind of machine reports
// (RunResult::details): a CIM chip's weight residency and average current at its frame rate,
// a dataflow chip's contexts, batch-1 and batch-N frame rates and bottleneck stage.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

namespace axsim::cli {

// Prints nothing for topics that are absent.
void print_details_summary(std::ostream& out, const nlohmann::json& details);

}  // namespace axsim::cli
