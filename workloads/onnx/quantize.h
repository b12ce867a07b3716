// Quantizing a float trace on import (axsim import --quantize): weight scales come from the
// real weights, per output channel or per tensor, symmetric or with zero points. Activation
// scales would need calibration data, which a model file does not hold: activations get the
// integer type and no scale.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "workloads/onnx/constant.h"
#include "workloads/onnx/onnx_import.h"
#include "workloads/trace/trace.h"

namespace axsim::onnx_import {

using WeightValues = std::map<std::string, std::vector<std::shared_ptr<const Constant>>>;

// Quantization of `values` (a tensor of `shape`) to `bits`, per channel along `axis` or per
// tensor (axis < 0), with the signal-to-quantization-noise ratio it achieves.
struct WeightQuantization {
  trace::Quantization quant;
  double sqnr_db = 0;  // infinite for an exactly representable tensor
};
WeightQuantization quantize_weights(const Constant& values, const std::vector<int64_t>& shape,
                                    int axis, int bits, bool symmetric);

// Sets every layer's types for `options.target`, keeping layers that would lose too much in
// higher precision and saying why in `report.higher_precision`. `values` holds each layer's
// weight values by layer name.
void quantize_trace(trace::Trace& trace, const WeightValues& values, const QuantizeOptions& options,
                    ImportReport& report);

}  // namespace axsim::onnx_import
