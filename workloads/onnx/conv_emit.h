// A convolution layer from its parts, shared by Conv, QLinearConv and ConvInteger.
#pragma once

#include <optional>
#include <string>

#include "workloads/onnx/translator.h"

namespace axsim::onnx_import {

struct ConvParts {
  std::string x;                                   // the activation input's ONNX name
  WeightData weight;                               // [Cout, Cin/groups, k...]
  std::optional<WeightData> bias;                  // [Cout]
  std::optional<trace::Quantization> input_quant;  // how the node reads x, when it says
  trace::Tensor output;                            // the node's output
};

// Emits the conv2d layer (between free reshapes for a 1-D convolution) and binds the node's
// first output to it.
void emit_conv(Translator& t, const NodeProto& node, ConvParts parts);

}  // namespace axsim::onnx_import
