// Matrix products from their parts, shared by MatMul, Gemm, QLinearMatMul and MatMulInteger:
// a constant right-hand matrix makes a `linear` layer with weights, two activations a
// (batched) `matmul`.
#pragma once

#include <optional>
#include <string>

#include "workloads/onnx/translator.h"

namespace axsim::onnx_import {

struct MatMulParts {
  std::string a, b;                            // ONNX names of the operands
  std::optional<trace::Quantization> a_quant;  // how the node reads A, when it says
  std::optional<trace::Quantization> b_quant;  // how it reads B when B is an activation
  std::optional<WeightData> b_weight;          // B as a weight, when the node quantizes it
  trace::Tensor output;
  // A bias Add right after the product may become the linear layer's bias.
  bool fold_bias_add = true;
};

// Emits the layers and binds the node's first output. Returns the name of the linear or
// matmul layer.
std::string emit_matmul(Translator& t, const NodeProto& node, MatMulParts parts);

// [K, N] -> [N, K], the layout of a linear layer's weight; a per-channel axis follows.
WeightData transposed(const WeightData& w);

}  // namespace axsim::onnx_import
