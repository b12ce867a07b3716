// Generators for standard networks ("the zoo"): each builds an inference trace from the
// architecture as its paper (or reference implementation) defines it, with shapes computed
// layer by layer, so the trace passes validate_trace and its MAC and parameter counts can be
// checked against the published figures (see workloads/zoo/README.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/trace/trace.h"

namespace axsim::zoo {

struct ZooOptions {
  int64_t batch = 1;
  int64_t input_size = 0;  // image side in pixels; 0 = the network's default (224, 640, 1280...)
  trace::DType dtype = trace::DType::int8;
  std::string phase = "prefill";  // LLMs: prefill | decode
  // Tokens per sequence; 0 = default: 2048 for an LLM prefill, 1 for a decode step, 128 for
  // BERT. In decode, more than one token models a speculative/chunked step.
  int64_t seq_len = 0;
  // Decode: tokens already in the KV cache; 0 = default 2048.
  int64_t context = 0;
};

std::vector<std::string> zoo_names();  // sorted
// One line: what the network is and the paper it comes from. Throws like make_network.
std::string zoo_description(const std::string& name);
// Throws std::invalid_argument for an unknown name (the message lists the names) or an
// option the network cannot take (the message says which and why).
trace::Trace make_network(const std::string& name, const ZooOptions& options);

}  // namespace axsim::zoo
