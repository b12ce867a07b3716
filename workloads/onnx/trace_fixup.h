// Keeping a trace under construction consistent after a layer's output type changes.
#pragma once

#include "workloads/trace/trace.h"

namespace axsim::onnx_import {

// Sets every layer input's shape, dtype and bits to what its producer outputs, and its
// quantization to the producer's when the reader declares none of its own.
void match_inputs_to_producers(trace::Trace& trace);

}  // namespace axsim::onnx_import
