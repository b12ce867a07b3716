// libFuzzer target: arbitrary bytes through the JSON trace reader and the validator. Bad input
// must end in core::InputError; anything else (a crash, a sanitizer report, another
// exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "models/core/error.h"
#include "workloads/trace/trace_io.h"
#include "workloads/trace/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  axsim::trace::Trace trace;
  try {
    trace = axsim::trace::parse_trace_json(text, "fuzz.json");
    axsim::trace::validate_trace(trace, "fuzz.json");
  } catch (const axsim::core::InputError&) {
    return 0;
  }
  // A valid trace must survive the writer unchanged: re-reading what was written and writing
  // it again gives the same text.
  const std::string written = axsim::trace::trace_to_json(trace);
  try {
    const axsim::trace::Trace reread = axsim::trace::parse_trace_json(written, "fuzz-written.json");
    if (axsim::trace::trace_to_json(reread) != written) std::abort();
  } catch (const axsim::core::InputError&) {
    std::abort();
  }
  return 0;
}
