// `axsim report --timeline`: result JSONs as one Chrome trace-event JSON ("JSON Object
// Format") for ui.perfetto.dev or chrome://tracing. One process per result, one thread per
// unit that ran layers, one complete event per layer, and two counter tracks per result
// (DRAM bandwidth and memory-stall share) stepping at each layer's start.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace axsim::reports {

// Whole nanoseconds as the microseconds a trace event carries. Perfetto reads a fractional
// `ts` as int64(value * 1000), truncating, so 1.001 would come back as 1000 ns and make
// neighbouring slices overlap; the smallest double that reads back as exactly `ns` is used.
double trace_microseconds(std::int64_t ns);

// Throws core::InputError naming the result when it lacks keys the timeline needs.
std::string render_timeline(const std::vector<nlohmann::json>& results);

}  // namespace axsim::reports
