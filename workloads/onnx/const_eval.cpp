#include <cmath>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/const_eval_support.h"

namespace axsim::onnx_import {

namespace fold {

std::vector<int64_t> strides_of(const std::vector<int64_t>& dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

std::optional<int64_t> normalized_axis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank) return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

Constant pick(const Constant& in, std::vector<int64_t> dims, const std::vector<int64_t>& source) {
  Constant out;
  out.elem_type = in.elem_type;
  out.dims = std::move(dims);
  if (in.is_real()) {
    out.reals.reserve(source.size());
    for (int64_t s : source) out.reals.push_back(in.reals[static_cast<size_t>(s)]);
  } else {
    out.ints.reserve(source.size());
    for (int64_t s : source) out.ints.push_back(in.ints[static_cast<size_t>(s)]);
  }
  return out;
}

std::vector<int64_t> as_ints(const Constant& c) {
  std::vector<int64_t> values;
  for (size_t i = 0; i < static_cast<size_t>(c.size()); ++i) values.push_back(c.integer(i));
  return values;
}

Constant int64_vector(const std::vector<int64_t>& values) {
  Constant c;
  c.elem_type = ::onnx::TensorProto::INT64;
  c.dims = {static_cast<int64_t>(values.size())};
  c.ints = values;
  return c;
}

}  // namespace fold

namespace {

using fold::Outputs;
using ::onnx::TensorProto;

Constant cast_to(const Constant& in, int32_t to) {
  Constant out;
  out.elem_type = to;
  out.dims = in.dims;
  const size_t n = static_cast<size_t>(in.size());
  for (size_t i = 0; i < n; ++i) {
    if (out.is_real()) {
      out.reals.push_back(in.real(i));
    } else if (to == TensorProto::BOOL) {
      out.ints.push_back(in.real(i) != 0.0 ? 1 : 0);
    } else {
      out.ints.push_back(in.integer(i));
    }
  }
  return out;
}

// Shape (with opset 15's start/end) and Size need only the input's shape.
Outputs eval_shape(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  if (in.empty() || in[0].shape == nullptr) return std::nullopt;
  const std::vector<int64_t>& dims = *in[0].shape;
  if (node.op_type() == "Size") {
    Constant c = fold::int64_vector({element_count(dims)});
    c.dims.clear();
    return std::vector<Constant>{c};
  }
  const int64_t rank = static_cast<int64_t>(dims.size());
  int64_t start = attr_int(node, "start", 0);
  int64_t end = attr_int(node, "end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  return std::vector<Constant>{fold::int64_vector({dims.begin() + start, dims.begin() + end})};
}

Outputs eval_constant_of_shape(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  if (in.empty() || in[0].value == nullptr) return std::nullopt;
  const std::vector<int64_t> dims = fold::as_ints(*in[0].value);
  for (int64_t d : dims) {
    if (d < 0) return std::nullopt;
  }
  if (element_count(dims) > fold::kMaxFoldedElements) return std::nullopt;
  Constant fill = make_constant(TensorProto::FLOAT, {});
  fill.reals = {0.0};
  if (const ::onnx::AttributeProto* value = find_attr(node, "value")) {
    fill = read_constant(value->t(), "ConstantOfShape value");
    if (fill.size() != 1) return std::nullopt;
  }
  Constant out = make_constant(fill.elem_type, dims);
  for (size_t i = 0; i < static_cast<size_t>(out.size()); ++i) {
    if (out.is_real()) {
      out.reals[i] = fill.reals[0];
    } else {
      out.ints[i] = fill.ints[0];
    }
  }
  return std::vector<Constant>{out};
}

Outputs eval_range(const std::vector<FoldInput>& in) {
  if (in.size() < 3 || !in[0].value || !in[1].value || !in[2].value) return std::nullopt;
  const Constant& start = *in[0].value;
  const double from = start.real(0), limit = in[1].value->real(0), delta = in[2].value->real(0);
  if (delta == 0.0) return std::nullopt;
  const double steps = std::ceil((limit - from) / delta);
  const int64_t n = steps > 0 ? static_cast<int64_t>(steps) : 0;
  if (n > fold::kMaxFoldedElements) return std::nullopt;
  Constant out = make_constant(start.elem_type, {n});
  for (int64_t i = 0; i < n; ++i) {
    const double v = from + static_cast<double>(i) * delta;
    if (out.is_real()) {
      out.reals[static_cast<size_t>(i)] = v;
    } else {
      out.ints[static_cast<size_t>(i)] = static_cast<int64_t>(v);
    }
  }
  return std::vector<Constant>{out};
}

}  // namespace

std::optional<std::vector<Constant>> evaluate_node(const ::onnx::NodeProto& node, int opset,
                                                   const std::vector<FoldInput>& inputs) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") return std::nullopt;
  const std::string& op = node.op_type();
  if (op == "Shape" || op == "Size") return eval_shape(node, inputs);
  // Every other operator needs all of its given inputs' values.
  for (const FoldInput& in : inputs) {
    if (in.shape != nullptr && in.value == nullptr) return std::nullopt;
  }
  if (op == "Identity") {
    if (inputs.empty() || inputs[0].value == nullptr) return std::nullopt;
    return std::vector<Constant>{*inputs[0].value};
  }
  if (op == "Cast") {
    if (inputs.empty() || inputs[0].value == nullptr || !has_attr(node, "to")) return std::nullopt;
    return std::vector<Constant>{
        cast_to(*inputs[0].value, static_cast<int32_t>(attr_int(node, "to", 0)))};
  }
  if (op == "ConstantOfShape") return eval_constant_of_shape(node, inputs);
  if (op == "Range") return eval_range(inputs);
  if (Outputs out = fold::eval_math(node, inputs)) return out;
  return fold::eval_layout(node, opset, inputs);
}

}  // namespace axsim::onnx_import
