// The translation of a prepared graph into trace layers. Handlers (translate_*.cpp) turn one
// node, or a recognised group of nodes (patterns_*.cpp), into layers through this class, which
// keeps what each ONNX tensor is in the trace being built.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads/onnx/graph.h"
#include "workloads/onnx/onnx_import.h"
#include "workloads/trace/trace.h"

namespace axsim::onnx_import {

// What an activation tensor of the graph is in the trace.
struct Value {
  std::string from;      // the trace layer or graph input holding it
  trace::Tensor tensor;  // shape, dtype and bits as `from` produces them; quant as read here
  // Zero padding [top, left, bottom, right] of a Pad node not yet applied: the convolution or
  // pool reading this value takes it as its own padding. `tensor` is the unpadded tensor.
  std::array<int64_t, 4> pad{0, 0, 0, 0};
  bool padded = false;
};

// A constant as a layer's weight: its description and values. Values are real numbers for a
// float weight, the stored integers for one that came quantized.
struct WeightData {
  trace::Tensor tensor;
  std::shared_ptr<const Constant> values;
  bool quantized = false;
};

// A node the trace format cannot describe; the translator turns it into the import error or,
// with --unsupported=cpu, a generic layer.
class NotSupported : public std::runtime_error {
 public:
  explicit NotSupported(const std::string& why) : std::runtime_error(why) {}
};

class Translator {
 public:
  Translator(const Graph& graph, const ImportOptions& options, ImportReport& report);

  // Every node in order, then graph outputs, dead layers removed, inputs matched to their
  // producers' types. Not validated yet.
  trace::Trace run();

  const Graph& graph() const { return graph_; }
  const ImportOptions& options() const { return options_; }
  ImportReport& report() { return report_; }
  int opset() const { return graph_.opset(); }

  // --- activations ---
  // The value of `name`. A constant read where the layer takes an activation (a concat
  // operand) becomes a graph input: it is read from memory like one.
  const Value& value(const std::string& name, const NodeProto& node);
  // `name` as a layer input. NotSupported for a padded value (only convolutions and pools
  // take padding).
  trace::InputRef input(const std::string& name, const NodeProto& node);
  bool is_activation(const std::string& name) const { return values_.count(name) > 0; }

  // --- constants ---
  // True for graph constants and constants seen through a (De)QuantizeLinear.
  bool is_constant(const std::string& name) const;
  // NotSupported when `name` is computed at run time: `what` says what the node needed it
  // for ("the convolution's weights").
  WeightData weight(const std::string& name, const std::string& what) const;
  std::shared_ptr<const Constant> constant(const std::string& name) const;
  void bind_weight(const std::string& name, WeightData weight);

  // --- building ---
  // ONNX's shape and element type of `name`, as a trace tensor.
  trace::Tensor tensor_of(const std::string& name, const NodeProto& node) const;
  // Appends `layer`, named after the node (plus "/suffix" for helper layers), unique in the
  // trace; `values` are its weights' values in order. Returns the name given.
  std::string add_layer(trace::Layer layer, const NodeProto& node, const std::string& suffix,
                        std::vector<std::shared_ptr<const Constant>> values = {});
  // Binds the ONNX tensor `name` to the output of `layer`.
  void bind_output(const std::string& name, const std::string& layer);
  void bind(const std::string& name, Value value);
  // Binds `name` to the layer's output, through a free reshape to `shape` when the layer
  // computes it in another layout (a 1-D convolution as a 2-D one).
  void bind_as(const std::string& name, const std::string& layer, const std::vector<int64_t>& shape,
               const NodeProto& node);
  trace::Layer& layer(const std::string& name);
  bool has_layer(const std::string& name) const { return layer_index_.count(name) > 0; }
  const std::vector<std::shared_ptr<const Constant>>& weight_values(const std::string& layer);
  // Every layer's weight values, by layer name (for --quantize).
  const std::map<std::string, std::vector<std::shared_ptr<const Constant>>>& all_weight_values()
      const {
    return weight_values_;
  }
  void set_weight_values(const std::string& layer, std::vector<std::shared_ptr<const Constant>> v);
  // A convolution that can absorb a per-channel affine (a batch norm, a bias Add) applied to
  // the ONNX tensor `name`: channel c of `name` is its output channels c*phases ..
  // c*phases + phases - 1 (phases > 1 after a transposed convolution's depth-to-space).
  struct FoldTarget {
    std::string layer;
    int64_t phases = 1;
  };
  void set_fold_target(const std::string& name, FoldTarget target);
  std::optional<FoldTarget> fold_target(const std::string& name) const;

  // A reshape layer (free: only the shape changes) from `in` to `shape`, bound to nothing.
  // Returns `in` unchanged when the shape already is `shape`.
  Value reshape(const Value& in, std::vector<int64_t> shape, const NodeProto& node,
                const std::string& suffix);
  // The layer's output as a value.
  Value output_value(const std::string& layer);

  // Sets what a layer or graph input produces (a QuantizeLinear after it decides its type).
  void set_produced_type(const std::string& from, const trace::Tensor& type);
  // A later node whose work a handler absorbed (a bias Add folded into a linear layer): it is
  // skipped, its output bound as the handler says.
  void absorb(const NodeProto& node);
  // False for a node a recognised pattern (patterns.h) or another handler already claims.
  bool can_absorb(const NodeProto& node) const;
  void mark_quantized_graph() { quantized_graph_ = true; }
  bool quantized_graph() const { return quantized_graph_; }
  void note(const NodeProto& node, const std::string& what);

 private:
  void add_graph_inputs();
  void translate(const NodeProto& node);
  void keep_on_cpu_or_reject(const NodeProto& node, const std::string& why);
  void keep_on_cpu(const NodeProto& node, const std::string& why);
  [[noreturn]] void reject(const NodeProto& node, const std::string& why) const;
  std::string describe_inputs(const NodeProto& node) const;
  std::string unique_name(const std::string& base);
  void add_outputs();
  void remove_dead_layers();

  const Graph& graph_;
  const ImportOptions& options_;
  ImportReport& report_;
  trace::Trace trace_;
  std::map<std::string, Value> values_;
  std::map<std::string, WeightData> weights_;  // constants seen through quantization nodes
  std::map<std::string, size_t> layer_index_;
  std::map<std::string, std::vector<std::shared_ptr<const Constant>>> weight_values_;
  std::set<std::string> names_;     // layers and graph inputs
  std::set<std::string> promoted_;  // graph inputs made from constants
  std::map<std::string, FoldTarget> fold_targets_;
  std::set<const NodeProto*> absorbed_;
  std::set<const NodeProto*> in_fusion_;
  bool quantized_graph_ = false;
};

// "[1,3,224,224]", for messages.
std::string shape_text(const std::vector<int64_t>& shape);

}  // namespace axsim::onnx_import
