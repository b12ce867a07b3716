// From a model as exported to one whose every tensor has a static shape: Constant nodes become
// constants, graph inputs get the shapes the user gave, ONNX shape inference runs, and
// constant subgraphs are folded, repeatedly, until nothing more folds.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "workloads/onnx/constant.h"

namespace axsim::onnx_import {

using ConstantMap = std::map<std::string, std::shared_ptr<const Constant>>;

struct PreparedModel {
  ::onnx::ModelProto model;  // shape-inferred, folded nodes removed
  ConstantMap constants;     // initializers, Constant nodes and folded results, by name
  int folded_nodes = 0;      // nodes replaced by their constant results
};

// `input_shapes` overrides graph input shapes (name -> dims). Throws core::InputError naming
// `path` for a graph input whose shape stays dynamic, an unknown input name, or a rank that
// differs from the model's.
PreparedModel prepare_model(::onnx::ModelProto model,
                            const std::map<std::string, std::vector<int64_t>>& input_shapes,
                            const std::string& path);

}  // namespace axsim::onnx_import
