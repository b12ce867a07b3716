// A prepared ONNX graph indexed for translation: nodes in a topological order, who produces
// and who reads each tensor, static shapes and element types, constant values.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workloads/onnx/model_prepare.h"

namespace axsim::onnx_import {

using ::onnx::NodeProto;

class Graph {
 public:
  // Throws core::InputError when a node reads a tensor nothing provides, or the nodes form a
  // cycle (both mean a broken file).
  Graph(PreparedModel prepared, std::string path);
  // Nodes are indexed by address.
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  const std::string& path() const { return path_; }
  const ::onnx::ModelProto& model() const { return prepared_.model; }
  int opset() const { return opset_; }
  int folded_nodes() const { return prepared_.folded_nodes; }

  const std::vector<const NodeProto*>& nodes() const { return order_; }
  // Graph inputs that are activations (not constants), in the model's order.
  const std::vector<std::string>& inputs() const { return inputs_; }
  const std::vector<std::string>& outputs() const { return outputs_; }
  bool is_graph_output(const std::string& name) const;

  bool is_constant(const std::string& name) const;
  // Null when `name` is not a constant.
  std::shared_ptr<const Constant> constant(const std::string& name) const;

  std::optional<std::vector<int64_t>> known_shape(const std::string& name) const;
  // Throws core::InputError naming `user` when the shape of `name` is not static.
  std::vector<int64_t> shape(const std::string& name, const NodeProto& user) const;
  // TensorProto::DataType; 0 (UNDEFINED) when unknown.
  int32_t elem_type(const std::string& name) const;

  const NodeProto* producer(const std::string& name) const;
  const std::vector<const NodeProto*>& consumers(const std::string& name) const;

  // "node 'conv1' (Conv)", or with the first output when the node has no name.
  std::string describe(const NodeProto& node) const;
  [[noreturn]] void fail(const NodeProto& node, const std::string& what) const;

 private:
  void index_types();
  void sort_nodes();

  PreparedModel prepared_;
  std::string path_;
  int opset_ = 1;
  std::vector<const NodeProto*> order_;
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  std::map<std::string, const NodeProto*> producer_;
  std::map<std::string, std::vector<const NodeProto*>> consumers_;
  std::map<std::string, std::vector<int64_t>> shapes_;
  std::map<std::string, int32_t> types_;
};

}  // namespace axsim::onnx_import
