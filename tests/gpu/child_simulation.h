// One GPU simulation in a child process. SystemC elaborates once per process, so a test that
// compares two runs (two bandwidths, two shapes) forks one child per run; the parent never
// touches the simulation kernel.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "workloads/trace/trace.h"

namespace axsim::test {

// result_to_json() of the run, with the Horowitz 45 nm technology table. Throws
// std::runtime_error carrying the child's message when the run fails.
nlohmann::json simulate_gpu(const std::string& section_text, const trace::Trace& trace);

}  // namespace axsim::test
