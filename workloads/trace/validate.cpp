#include "workloads/trace/validate.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "models/core/error.h"
#include "workloads/trace/validate_support.h"

namespace axsim::trace {

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? "," : "") + std::to_string(shape[i]);
  return out + "]";
}

LayerCheck::LayerCheck(const std::string& file, size_t index, const Layer& layer)
    : file_(file), index_(index), layer_(layer) {}

void LayerCheck::fail(const std::string& rule) const {
  throw core::InputError(core::SourceLocation{file_, 0, 0}, "",
                         "layers[" + std::to_string(index_) + "] '" + layer_.name + "' (" +
                             op_name(layer_.op) + "): " + rule);
}

namespace {

std::string count_range(size_t min, size_t max) {
  if (min == max) return std::to_string(min);
  if (max == SIZE_MAX) return "at least " + std::to_string(min);
  return std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace

void LayerCheck::require_inputs(size_t min, size_t max) const {
  const size_t n = layer_.inputs.size();
  if (n < min || n > max) {
    fail("takes " + count_range(min, max) + " activation input(s), has " + std::to_string(n));
  }
}

void LayerCheck::require_weights(size_t min, size_t max) const {
  const size_t n = layer_.weights.size();
  if (n < min || n > max) {
    fail("takes " + count_range(min, max) + " weight(s), has " + std::to_string(n));
  }
}

void LayerCheck::require_rank(const Tensor& tensor, const std::string& what, size_t min,
                              size_t max) const {
  const size_t rank = tensor.shape.size();
  if (rank < min || rank > max) {
    fail(what + " shape " + shape_string(tensor.shape) + " has rank " + std::to_string(rank) +
         ", expected " + count_range(min, max));
  }
}

void LayerCheck::require_output(const std::vector<int64_t>& expected,
                                const std::string& because) const {
  if (layer_.output.shape != expected) {
    fail("output shape " + shape_string(layer_.output.shape) + " but " + because + " gives " +
         shape_string(expected));
  }
}

int64_t LayerCheck::elements(const std::vector<int64_t>& shape, const std::string& what) const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (__builtin_mul_overflow(n, d, &n)) {
      fail(what + " shape " + shape_string(shape) + " has too many elements");
    }
  }
  return n;
}

namespace {

class GraphCheck {
 public:
  GraphCheck(const Trace& trace, const std::string& file) : trace_(trace), file_(file) {}

  void run() {
    if (trace_.version != kFormatVersion) {
      fail("version " + std::to_string(trace_.version) + " is not supported (expected " +
           std::to_string(kFormatVersion) + ")");
    }
    if (trace_.batch < 1) fail("batch must be at least 1, is " + std::to_string(trace_.batch));
    if (trace_.layers.empty()) fail("the trace has no layers");
    for (size_t i = 0; i < trace_.inputs.size(); ++i) check_graph_input(i);
    for (size_t i = 0; i < trace_.layers.size(); ++i)
      layer_index_.emplace(trace_.layers[i].name, i);
    for (size_t i = 0; i < trace_.layers.size(); ++i) check_layer(i);
    check_outputs();
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw core::InputError(core::SourceLocation{file_, 0, 0}, "", what);
  }

  void check_graph_input(size_t i) {
    const GraphInput& in = trace_.inputs[i];
    const std::string where = "inputs[" + std::to_string(i) + "] '" + in.name + "'";
    if (in.name.empty()) fail("inputs[" + std::to_string(i) + "]: name is empty");
    if (!defined_.emplace(in.name, "graph input").second) {
      fail(where + ": name is already used by another graph input");
    }
    check_tensor(in.tensor, "", [&](const std::string& rule) { fail(where + ": " + rule); });
  }

  void check_layer(size_t i) {
    const Layer& layer = trace_.layers[i];
    const LayerCheck check(file_, i, layer);
    const auto layer_fail = [&check](const std::string& rule) { check.fail(rule); };
    if (layer.name.empty()) check.fail("name is empty");
    const auto previous = defined_.find(layer.name);
    if (previous != defined_.end()) {
      check.fail("name is already used by an earlier " + previous->second);
    }
    for (size_t j = 0; j < layer.inputs.size(); ++j) check_input(check, j);
    // Registered only now, so that a layer reading its own name is reported as a cycle.
    defined_.emplace(layer.name, "layer");
    for (size_t j = 0; j < layer.weights.size(); ++j) {
      const Weight& w = layer.weights[j];
      check_tensor(w.tensor, "weights[" + std::to_string(j) + "] '" + w.name + "' ", layer_fail);
    }
    check_tensor(layer.output, "output ", layer_fail);
    check_op_shapes(check);
  }

  void check_input(const LayerCheck& check, size_t j) {
    const Layer& layer = check.layer();
    const InputRef& in = layer.inputs[j];
    const std::string where = "inputs[" + std::to_string(j) + "] ";
    const auto input_fail = [&check](const std::string& rule) { check.fail(rule); };
    check_tensor(in.tensor, where, input_fail);
    const Tensor* producer = producer_of(in.from);
    if (producer == nullptr) {
      const auto later = layer_index_.find(in.from);
      if (later != layer_index_.end()) {
        check.fail(where + "reads '" + in.from + "', which is layers[" +
                   std::to_string(later->second) +
                   "]: a layer may only read earlier layers (topological order)");
      }
      check.fail(where + "reads '" + in.from + "', which is neither a graph input nor a layer");
    }
    if (in.tensor.shape != producer->shape) {
      check.fail(where + "declares shape " + shape_string(in.tensor.shape) + " but '" + in.from +
                 "' produces " + shape_string(producer->shape));
    }
    if (in.tensor.dtype != producer->dtype || in.tensor.bits != producer->bits) {
      check.fail(where + "declares " + dtype_name(in.tensor.dtype) + "/" +
                 std::to_string(in.tensor.bits) + " bits but '" + in.from + "' produces " +
                 dtype_name(producer->dtype) + "/" + std::to_string(producer->bits) + " bits");
    }
  }

  // The tensor named `name` among graph inputs and the layers checked so far.
  const Tensor* producer_of(const std::string& name) const {
    if (defined_.count(name) == 0) return nullptr;
    for (const GraphInput& in : trace_.inputs) {
      if (in.name == name) return &in.tensor;
    }
    return &trace_.layers[layer_index_.at(name)].output;
  }

  template <typename Fail>
  static void check_tensor(const Tensor& t, const std::string& what, const Fail& fail_with) {
    for (int64_t d : t.shape) {
      if (d < 1 || d > kMaxDimension) {
        fail_with(what + "shape " + shape_string(t.shape) + " has dimension " + std::to_string(d) +
                  "; dimensions must be 1 to " + std::to_string(kMaxDimension));
      }
    }
    const int width = dtype_bits(t.dtype);
    if (dtype_is_integer(t.dtype) && (t.bits < 1 || t.bits > width)) {
      fail_with(what + "bits " + std::to_string(t.bits) + " must be 1 to " + std::to_string(width) +
                " for " + dtype_name(t.dtype));
    }
    if (!dtype_is_integer(t.dtype) && t.bits != width) {
      fail_with(what + "bits " + std::to_string(t.bits) + " must equal " + std::to_string(width) +
                " for " + dtype_name(t.dtype));
    }
    check_quantization(t, what, fail_with);
  }

  template <typename Fail>
  static void check_quantization(const Tensor& t, const std::string& what, const Fail& fail_with) {
    const Quantization& q = t.quant;
    if (q.scheme == QuantScheme::none) return;
    size_t channels = 1;
    if (q.scheme == QuantScheme::per_channel) {
      const int rank = static_cast<int>(t.shape.size());
      if (q.axis < -rank || q.axis >= rank) {
        fail_with(what + "quant axis " + std::to_string(q.axis) + " is outside shape " +
                  shape_string(t.shape));
      }
      channels =
          static_cast<size_t>(t.shape[static_cast<size_t>(q.axis < 0 ? q.axis + rank : q.axis)]);
    }
    if (q.scale.size() != channels) {
      fail_with(what + "quant has " + std::to_string(q.scale.size()) + " scale(s), expected " +
                std::to_string(channels) +
                (q.scheme == QuantScheme::per_channel ? " (one per channel on the axis)" : ""));
    }
    if (!q.zero_point.empty() && q.zero_point.size() != channels) {
      fail_with(what + "quant has " + std::to_string(q.zero_point.size()) +
                " zero point(s), expected " + std::to_string(channels) + " or none");
    }
    for (double s : q.scale) {
      if (!std::isfinite(s) || s <= 0) {
        fail_with(what + "quant scale " + std::to_string(s) + " must be positive and finite");
      }
    }
  }

  void check_outputs() const {
    if (trace_.outputs.empty()) fail("outputs is empty: name at least one layer");
    std::set<std::string> seen;
    for (size_t i = 0; i < trace_.outputs.size(); ++i) {
      const std::string& name = trace_.outputs[i];
      const std::string where = "outputs[" + std::to_string(i) + "] '" + name + "'";
      if (layer_index_.count(name) == 0) fail(where + ": no layer has this name");
      if (!seen.insert(name).second) fail(where + ": listed twice");
    }
  }

  const Trace& trace_;
  const std::string& file_;
  std::map<std::string, size_t> layer_index_;   // first layer of each name
  std::map<std::string, std::string> defined_;  // names seen so far -> what they are
};

}  // namespace

void validate_trace(const Trace& trace, const std::string& name) { GraphCheck(trace, name).run(); }

}  // namespace axsim::trace
