// The table `axsim run` prints: the run's headline numbers and where the time went.
#pragma once

#include <ostream>

#include "models/core/result.h"

namespace axsim::cli {

void print_summary(std::ostream& out, const core::RunResult& result, std::size_t top_layers);

}  // namespace axsim::cli
