// What the pattern matchers (patterns_*.cpp) share: walking from a node to the one that
// produces or reads a tensor, and reading small constants.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workloads/onnx/graph.h"

namespace axsim::onnx_import::pattern {

// The node producing `name` when it is a default-domain `op`; null otherwise.
const NodeProto* producer(const Graph& g, const std::string& name, const std::string& op);
// The one node reading `name` when it is a default-domain `op` and `name` is no graph
// output; null otherwise.
const NodeProto* only_reader(const Graph& g, const std::string& name, const std::string& op);
// The input of a two-input node that is not `name`; null when neither or both are.
const std::string* other_input(const NodeProto& node, const std::string& name);
// The value of a one-element constant.
std::optional<double> scalar(const Graph& g, const std::string& name);
bool is_scalar(const Graph& g, const std::string& name, double value, double tolerance = 1e-3);
// The bounds of a Clip, when constant (attributes before opset 11, inputs after).
std::optional<std::pair<double, double>> clip_bounds(const Graph& g, const NodeProto& clip);

}  // namespace axsim::onnx_import::pattern
