// Groups of nodes that are one layer in the trace: decomposed layer norms, GELU and
// hard-swish written out as arithmetic, and attention (MatMul, Softmax, MatMul). Exporters
// spell these out node by node; a machine runs them as one kernel, so the trace has one layer.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "workloads/onnx/translator.h"

namespace axsim::onnx_import {

struct Fusion {
  std::string kind;                       // for the report: "layer norm", "attention", ...
  const NodeProto* anchor = nullptr;      // the group's last node; the layer is emitted there
  std::vector<const NodeProto*> members;  // the other nodes, which emit nothing
  std::function<void(Translator&)> emit;
};

// Matches never overlap; every member's outputs are read only inside its group.
std::vector<Fusion> find_fusions(const Graph& graph);

// Matchers (patterns_*.cpp). Each returns the groups it finds; find_fusions drops any that
// overlaps one found before it.
std::vector<Fusion> find_layer_norms(const Graph& graph);
std::vector<Fusion> find_activations(const Graph& graph);
std::vector<Fusion> find_attention(const Graph& graph);

}  // namespace axsim::onnx_import
