// Layer normalisation from its parts, shared by LayerNormalization and the decomposed form
// exporters write out (patterns_norm.cpp).
#pragma once

#include <string>

#include "workloads/onnx/translator.h"

namespace axsim::onnx_import {

// A layer_norm of `x` over its dimensions from `axis` on (flattened into one when there are
// several, by free reshapes), with the optional constant `gain` and `bias` (each as many
// elements as one normalised row), bound to `out`. `node` names the layer.
void emit_layer_norm(Translator& t, const NodeProto& node, const std::string& x, int64_t axis,
                     const std::string& gain, const std::string& bias, const std::string& out);

}  // namespace axsim::onnx_import
