#include <algorithm>
#include <numeric>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/const_eval_support.h"

namespace axsim::onnx_import::fold {

namespace {

using ::onnx::TensorProto;

// Element indices of `dims` in row-major order, each mapped through `source_of`, which turns
// an output multi-index into an input element index.
template <typename SourceOf>
std::vector<int64_t> enumerate(const std::vector<int64_t>& dims, const SourceOf& source_of) {
  const int64_t n = element_count(dims);
  std::vector<int64_t> sources;
  sources.reserve(static_cast<size_t>(n));
  std::vector<int64_t> index(dims.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    sources.push_back(source_of(index));
    for (size_t d = dims.size(); d-- > 0;) {
      if (++index[d] < dims[d]) break;
      index[d] = 0;
    }
  }
  return sources;
}

const Constant* value(const std::vector<FoldInput>& in, size_t i) {
  return i < in.size() ? in[i].value : nullptr;
}

std::optional<Constant> reshape(const Constant& data, const std::vector<int64_t>& shape,
                                bool allow_zero) {
  std::vector<int64_t> dims = shape;
  int64_t known = 1;
  std::optional<size_t> infer;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 0 && !allow_zero) {
      if (i >= data.dims.size()) return std::nullopt;
      dims[i] = data.dims[i];
    }
    if (dims[i] == -1) {
      if (infer) return std::nullopt;
      infer = i;
    } else if (dims[i] < 0) {
      return std::nullopt;
    } else {
      known *= dims[i];
    }
  }
  if (infer) {
    if (known == 0 || data.size() % known != 0) return std::nullopt;
    dims[*infer] = data.size() / known;
  }
  if (element_count(dims) != data.size()) return std::nullopt;
  Constant out = data;
  out.dims = dims;
  return out;
}

Constant transpose(const Constant& data, std::vector<int64_t> perm) {
  const size_t rank = data.dims.size();
  if (perm.empty()) {
    perm.resize(rank);
    std::iota(perm.rbegin(), perm.rend(), 0);
  }
  const std::vector<int64_t> in_strides = strides_of(data.dims);
  std::vector<int64_t> dims(rank);
  for (size_t i = 0; i < rank; ++i) dims[i] = data.dims[static_cast<size_t>(perm[i])];
  const std::vector<int64_t> sources = enumerate(dims, [&](const std::vector<int64_t>& index) {
    int64_t s = 0;
    for (size_t i = 0; i < rank; ++i) s += index[i] * in_strides[static_cast<size_t>(perm[i])];
    return s;
  });
  return pick(data, dims, sources);
}

// Axes from the attribute (older opsets) or input 1 (newer).
std::optional<std::vector<int64_t>> axes_of(const ::onnx::NodeProto& node,
                                            const std::vector<FoldInput>& in, size_t input) {
  if (has_attr(node, "axes")) return attr_ints(node, "axes");
  if (const Constant* c = value(in, input)) return as_ints(*c);
  return std::nullopt;
}

std::optional<Constant> squeeze(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  const Constant& data = *in[0].value;
  const int64_t rank = static_cast<int64_t>(data.dims.size());
  const std::optional<std::vector<int64_t>> axes = axes_of(node, in, 1);
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < rank; ++i) {
    bool drop = false;
    if (axes && !axes->empty()) {
      for (int64_t a : *axes) drop |= normalized_axis(a, rank) == i;
    } else {
      drop = data.dims[static_cast<size_t>(i)] == 1;
    }
    if (!drop) dims.push_back(data.dims[static_cast<size_t>(i)]);
  }
  return reshape(data, dims, true);
}

std::optional<Constant> unsqueeze(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  const Constant& data = *in[0].value;
  const std::optional<std::vector<int64_t>> axes = axes_of(node, in, 1);
  if (!axes) return std::nullopt;
  const int64_t rank = static_cast<int64_t>(data.dims.size() + axes->size());
  std::vector<bool> inserted(static_cast<size_t>(rank), false);
  for (int64_t a : *axes) {
    const std::optional<int64_t> axis = normalized_axis(a, rank);
    if (!axis) return std::nullopt;
    inserted[static_cast<size_t>(*axis)] = true;
  }
  std::vector<int64_t> dims;
  size_t next = 0;
  for (int64_t i = 0; i < rank; ++i) {
    if (inserted[static_cast<size_t>(i)]) {
      dims.push_back(1);
    } else if (next < data.dims.size()) {
      dims.push_back(data.dims[next++]);
    } else {
      return std::nullopt;
    }
  }
  return reshape(data, dims, true);
}

std::optional<Constant> concat(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  const Constant& first = *in[0].value;
  const int64_t rank = static_cast<int64_t>(first.dims.size());
  const std::optional<int64_t> axis = normalized_axis(attr_int(node, "axis", 0), rank);
  if (!axis) return std::nullopt;
  const size_t a = static_cast<size_t>(*axis);
  std::vector<int64_t> dims = first.dims;
  dims[a] = 0;
  for (const FoldInput& i : in) {
    if (i.value->dims.size() != first.dims.size() || i.value->is_real() != first.is_real()) {
      return std::nullopt;
    }
    dims[a] += i.value->dims[a];
  }
  const int64_t outer = element_count({first.dims.begin(), first.dims.begin() + *axis});
  Constant out;
  out.elem_type = first.elem_type;
  out.dims = dims;
  for (int64_t o = 0; o < outer; ++o) {
    for (const FoldInput& i : in) {
      const int64_t chunk = i.value->size() / std::max<int64_t>(outer, 1);
      const size_t begin = static_cast<size_t>(o * chunk), end = begin + static_cast<size_t>(chunk);
      if (out.is_real()) {
        out.reals.insert(out.reals.end(), i.value->reals.begin() + begin,
                         i.value->reals.begin() + end);
      } else {
        out.ints.insert(out.ints.end(), i.value->ints.begin() + begin, i.value->ints.begin() + end);
      }
    }
  }
  return out;
}

std::optional<Constant> slice(const ::onnx::NodeProto& node, int opset,
                              const std::vector<FoldInput>& in) {
  const Constant& data = *in[0].value;
  const int64_t rank = static_cast<int64_t>(data.dims.size());
  std::vector<int64_t> starts, ends, axes, steps;
  if (opset < 10) {
    starts = attr_ints(node, "starts");
    ends = attr_ints(node, "ends");
    axes = attr_ints(node, "axes");
  } else {
    if (!value(in, 1) || !value(in, 2)) return std::nullopt;
    starts = as_ints(*value(in, 1));
    ends = as_ints(*value(in, 2));
    if (const Constant* a = value(in, 3)) axes = as_ints(*a);
    if (const Constant* s = value(in, 4)) steps = as_ints(*s);
  }
  if (axes.empty()) {
    axes.resize(starts.size());
    std::iota(axes.begin(), axes.end(), 0);
  }
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size()) {
    return std::nullopt;
  }
  std::vector<int64_t> begin(static_cast<size_t>(rank), 0), step(static_cast<size_t>(rank), 1);
  std::vector<int64_t> dims = data.dims;
  for (size_t i = 0; i < starts.size(); ++i) {
    const std::optional<int64_t> axis = normalized_axis(axes[i], rank);
    if (!axis || steps[i] == 0) return std::nullopt;
    const size_t a = static_cast<size_t>(*axis);
    const int64_t n = data.dims[a];
    int64_t s = starts[i] < 0 ? starts[i] + n : starts[i];
    int64_t e = ends[i] < 0 ? ends[i] + n : ends[i];
    if (steps[i] > 0) {
      s = std::clamp<int64_t>(s, 0, n);
      e = std::clamp<int64_t>(e, 0, n);
      dims[a] = e > s ? (e - s + steps[i] - 1) / steps[i] : 0;
    } else {
      s = std::clamp<int64_t>(s, 0, n - 1);
      e = std::clamp<int64_t>(e, -1, n - 1);
      dims[a] = s > e ? (s - e - steps[i] - 1) / -steps[i] : 0;
    }
    begin[a] = s;
    step[a] = steps[i];
  }
  const std::vector<int64_t> strides = strides_of(data.dims);
  const std::vector<int64_t> sources = enumerate(dims, [&](const std::vector<int64_t>& index) {
    int64_t s = 0;
    for (size_t d = 0; d < index.size(); ++d) s += (begin[d] + index[d] * step[d]) * strides[d];
    return s;
  });
  return pick(data, dims, sources);
}

std::optional<Constant> gather(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  if (!value(in, 1)) return std::nullopt;
  const Constant& data = *in[0].value;
  const Constant& indices = *value(in, 1);
  const int64_t rank = static_cast<int64_t>(data.dims.size());
  const std::optional<int64_t> axis = normalized_axis(attr_int(node, "axis", 0), rank);
  if (!axis) return std::nullopt;
  const size_t a = static_cast<size_t>(*axis);
  std::vector<int64_t> dims(data.dims.begin(), data.dims.begin() + *axis);
  dims.insert(dims.end(), indices.dims.begin(), indices.dims.end());
  dims.insert(dims.end(), data.dims.begin() + *axis + 1, data.dims.end());
  std::vector<int64_t> picks = as_ints(indices);
  for (int64_t& p : picks) {
    if (p < 0) p += data.dims[a];
    if (p < 0 || p >= data.dims[a]) return std::nullopt;
  }
  const int64_t outer = element_count({data.dims.begin(), data.dims.begin() + *axis});
  const int64_t inner = element_count({data.dims.begin() + *axis + 1, data.dims.end()});
  std::vector<int64_t> sources;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t p : picks) {
      for (int64_t i = 0; i < inner; ++i) sources.push_back((o * data.dims[a] + p) * inner + i);
    }
  }
  return pick(data, dims, sources);
}

std::optional<Constant> expand(const Constant& data, const std::vector<int64_t>& shape) {
  std::vector<int64_t> dims = shape;
  if (data.dims.size() > dims.size()) dims.insert(dims.begin(), data.dims.size() - dims.size(), 1);
  const size_t offset = dims.size() - data.dims.size();
  for (size_t i = 0; i < data.dims.size(); ++i) {
    int64_t& d = dims[offset + i];
    if (d == 1) d = data.dims[i];
    if (d != data.dims[i] && data.dims[i] != 1) return std::nullopt;
  }
  if (element_count(dims) > kMaxFoldedElements) return std::nullopt;
  const std::vector<int64_t> strides = strides_of(data.dims);
  const std::vector<int64_t> sources = enumerate(dims, [&](const std::vector<int64_t>& index) {
    int64_t s = 0;
    for (size_t i = 0; i < data.dims.size(); ++i) {
      if (data.dims[i] != 1) s += index[offset + i] * strides[i];
    }
    return s;
  });
  return pick(data, dims, sources);
}

std::optional<Constant> tile(const Constant& data, const std::vector<int64_t>& repeats) {
  if (repeats.size() != data.dims.size()) return std::nullopt;
  std::vector<int64_t> dims = data.dims;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (repeats[i] < 0) return std::nullopt;
    dims[i] *= repeats[i];
  }
  if (element_count(dims) > kMaxFoldedElements) return std::nullopt;
  const std::vector<int64_t> strides = strides_of(data.dims);
  const std::vector<int64_t> sources = enumerate(dims, [&](const std::vector<int64_t>& index) {
    int64_t s = 0;
    for (size_t i = 0; i < index.size(); ++i) s += (index[i] % data.dims[i]) * strides[i];
    return s;
  });
  return pick(data, dims, sources);
}

// ReduceProd / ReduceSum / ReduceMin / ReduceMax over `axes` (all when empty).
std::optional<Constant> reduce(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  const Constant& data = *in[0].value;
  const int64_t rank = static_cast<int64_t>(data.dims.size());
  std::vector<int64_t> axes = axes_of(node, in, 1).value_or(std::vector<int64_t>{});
  std::vector<bool> reduced(static_cast<size_t>(rank), axes.empty());
  for (int64_t a : axes) {
    const std::optional<int64_t> axis = normalized_axis(a, rank);
    if (!axis) return std::nullopt;
    reduced[static_cast<size_t>(*axis)] = true;
  }
  std::vector<int64_t> kept_dims = data.dims;
  for (size_t i = 0; i < kept_dims.size(); ++i) {
    if (reduced[i]) kept_dims[i] = 1;
  }
  const std::string& op = node.op_type();
  Constant out = make_constant(data.elem_type, kept_dims);
  std::vector<bool> seen(static_cast<size_t>(out.size()), false);
  const std::vector<int64_t> out_strides = strides_of(kept_dims);
  const std::vector<int64_t> targets = enumerate(data.dims, [&](const std::vector<int64_t>& index) {
    int64_t t = 0;
    for (size_t i = 0; i < index.size(); ++i) t += (reduced[i] ? 0 : index[i]) * out_strides[i];
    return t;
  });
  for (size_t i = 0; i < targets.size(); ++i) {
    const size_t t = static_cast<size_t>(targets[i]);
    const double v = data.real(i);
    double acc = seen[t] ? out.real(t) : (op == "ReduceProd" ? 1.0 : op == "ReduceSum" ? 0.0 : v);
    if (op == "ReduceProd") acc *= v;
    if (op == "ReduceSum") acc += v;
    if (op == "ReduceMin") acc = std::min(acc, v);
    if (op == "ReduceMax") acc = std::max(acc, v);
    seen[t] = true;
    if (out.is_real()) {
      out.reals[t] = acc;
    } else {
      out.ints[t] = static_cast<int64_t>(acc);
    }
  }
  if (attr_int(node, "keepdims", 1) == 0) {
    std::vector<int64_t> dims;
    for (size_t i = 0; i < kept_dims.size(); ++i) {
      if (!reduced[i]) dims.push_back(kept_dims[i]);
    }
    out.dims = dims;
  }
  return out;
}

Outputs single(std::optional<Constant> c) {
  if (!c) return std::nullopt;
  return std::vector<Constant>{std::move(*c)};
}

}  // namespace

Outputs eval_layout(const ::onnx::NodeProto& node, int opset, const std::vector<FoldInput>& in) {
  if (in.empty() || in[0].value == nullptr) return std::nullopt;
  const Constant& data = *in[0].value;
  const std::string& op = node.op_type();
  if (op == "Reshape") {
    if (opset >= 5 && !value(in, 1)) return std::nullopt;
    const std::vector<int64_t> shape =
        opset < 5 ? attr_ints(node, "shape") : as_ints(*value(in, 1));
    return single(reshape(data, shape, attr_int(node, "allowzero", 0) != 0));
  }
  if (op == "Flatten") {
    const int64_t rank = static_cast<int64_t>(data.dims.size());
    const std::optional<int64_t> axis = normalized_axis(attr_int(node, "axis", 1), rank + 1);
    if (!axis) return std::nullopt;
    const int64_t outer = element_count({data.dims.begin(), data.dims.begin() + *axis});
    return single(reshape(data, {outer, data.size() / std::max<int64_t>(outer, 1)}, true));
  }
  if (op == "Transpose") return single(transpose(data, attr_ints(node, "perm")));
  if (op == "Squeeze") return single(squeeze(node, in));
  if (op == "Unsqueeze") return single(unsqueeze(node, in));
  if (op == "Concat") return single(concat(node, in));
  if (op == "Slice") return single(slice(node, opset, in));
  if (op == "Gather") return single(gather(node, in));
  if (op == "Expand" && value(in, 1)) return single(expand(data, as_ints(*value(in, 1))));
  if (op == "Tile" && value(in, 1)) return single(tile(data, as_ints(*value(in, 1))));
  if (op == "ReduceProd" || op == "ReduceSum" || op == "ReduceMin" || op == "ReduceMax") {
    return single(reduce(node, in));
  }
  return std::nullopt;
}

}  // namespace axsim::onnx_import::fold
