// Evaluation of nodes whose inputs are constant: the shape arithmetic exporters leave in
// graphs (Shape -> Gather -> Concat -> Reshape) and transforms of weights (Transpose, Cast).
// Folding them is what makes such a graph's shapes static and its weights plain tensors.
#pragma once

#include <onnx/onnx_pb.h>

#include <optional>
#include <vector>

#include "workloads/onnx/constant.h"

namespace axsim::onnx_import {

struct FoldInput {
  const Constant* value = nullptr;              // the input's value, when constant
  const std::vector<int64_t>* shape = nullptr;  // its static shape, when known
};

// The node's outputs, or nothing when the operator is not one this evaluates, an input it
// needs is not constant, or a result would be implausibly large for a constant.
// `inputs` has one entry per node input (an omitted optional input has neither field set).
std::optional<std::vector<Constant>> evaluate_node(const ::onnx::NodeProto& node, int opset,
                                                   const std::vector<FoldInput>& inputs);

}  // namespace axsim::onnx_import
