#include "workloads/zoo/builder.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "workloads/trace/counts.h"

namespace axsim::zoo {

namespace {

using trace::DType;
using trace::Layer;
using trace::Op;
using trace::Tensor;

// Numpy-style broadcasting of the operand shapes of an elementwise layer.
Shape broadcast(const std::string& layer, const std::vector<Shape>& shapes) {
  size_t rank = 0;
  for (const Shape& s : shapes) rank = std::max(rank, s.size());
  Shape out(rank, 1);
  for (const Shape& s : shapes) {
    const size_t offset = rank - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t& o = out[offset + i];
      if (s[i] == o || s[i] == 1) continue;
      if (o != 1) throw std::logic_error(layer + ": operand shapes do not broadcast");
      o = s[i];
    }
  }
  return out;
}

}  // namespace

ConvSpec conv(int64_t out_channels, int64_t kernel, int64_t stride, int64_t groups) {
  ConvSpec spec;
  spec.out_channels = out_channels;
  spec.kernel = {kernel, kernel};
  spec.stride = {stride, stride};
  spec.groups = groups;
  return spec;
}

int64_t window_output(const std::string& layer, int64_t in, int64_t kernel, int64_t stride,
                      int64_t pad_before, int64_t pad_after) {
  const int64_t span = in + pad_before + pad_after - kernel;
  if (span < 0) {
    throw std::invalid_argument(layer + ": input of " + std::to_string(in) +
                                " is smaller than the " + std::to_string(kernel) +
                                "-wide window; use a larger input_size");
  }
  return span / stride + 1;
}

Builder::Builder(std::string name, std::string description, const ZooOptions& options,
                 WeightQuant weight_quant)
    : options_(options), weight_quant_(weight_quant) {
  trace_.name = std::move(name);
  trace_.description = std::move(description);
  trace_.batch = options.batch;
}

trace::InputRef Builder::ref(const std::string& name) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) throw std::logic_error(trace_.name + ": no activation " + name);
  return trace::InputRef{name, it->second};
}

const Shape& Builder::shape(const std::string& ref_name) const {
  auto it = tensors_.find(ref_name);
  if (it == tensors_.end()) throw std::logic_error(trace_.name + ": no activation " + ref_name);
  return it->second.shape;
}

std::string Builder::add(Layer layer) {
  if (!tensors_.emplace(layer.name, layer.output).second) {
    throw std::logic_error(trace_.name + ": duplicate layer name " + layer.name);
  }
  trace_.layers.push_back(std::move(layer));
  return trace_.layers.back().name;
}

std::string Builder::image_input(const std::string& name, const Shape& shape) {
  trace_.inputs.push_back({name, activation_tensor(shape)});
  tensors_.emplace(name, trace_.inputs.back().tensor);
  return name;
}

std::string Builder::id_input(const std::string& name, const Shape& shape) {
  Tensor t;
  t.shape = shape;
  t.dtype = DType::int32;
  t.bits = 32;
  trace_.inputs.push_back({name, t});
  tensors_.emplace(name, t);
  return name;
}

std::string Builder::conv2d(const std::string& name, const std::string& x, const ConvSpec& spec) {
  const Shape& in = shape(x);
  const auto [kh, kw] = spec.kernel;
  const std::array<int64_t, 4> pad =
      spec.padding.value_or(std::array<int64_t, 4>{kh / 2, kw / 2, kh / 2, kw / 2});
  if (in.at(1) % spec.groups != 0 || spec.out_channels % spec.groups != 0) {
    throw std::logic_error(name + ": channels not divisible by groups");
  }
  Layer l;
  l.name = name;
  l.op = Op::conv2d;
  l.inputs = {ref(x)};
  l.attrs.kernel = spec.kernel;
  l.attrs.stride = spec.stride;
  l.attrs.padding = pad;
  l.attrs.groups = spec.groups;
  const int64_t h = window_output(name, in[2], kh, spec.stride[0], pad[0], pad[2]);
  const int64_t w = window_output(name, in[3], kw, spec.stride[1], pad[1], pad[3]);
  l.output = activation_tensor({in[0], spec.out_channels, h, w});
  Tensor weight = weight_tensor({spec.out_channels, in[1] / spec.groups, kh, kw}, true);
  if (spec.bias) l.weights.push_back({"bias", bias_tensor(spec.out_channels, weight)});
  l.weights.insert(l.weights.begin(), {"weight", std::move(weight)});
  return add(std::move(l));
}

std::string Builder::linear(const std::string& name, const std::string& x, int64_t out_features,
                            bool bias) {
  Shape out = shape(x);
  const int64_t in_features = out.back();
  out.back() = out_features;
  Layer l;
  l.name = name;
  l.op = Op::linear;
  l.inputs = {ref(x)};
  l.output = activation_tensor(out);
  l.weights.push_back({"weight", weight_tensor({out_features, in_features}, true)});
  if (bias) l.weights.push_back({"bias", bias_tensor(out_features, l.weights[0].tensor)});
  return add(std::move(l));
}

std::string Builder::activation(const std::string& name, const std::string& x,
                                const std::string& function) {
  Layer l;
  l.name = name;
  l.op = Op::activation;
  l.inputs = {ref(x)};
  l.output = activation_tensor(shape(x));
  l.attrs.function = function;
  return add(std::move(l));
}

std::string Builder::elementwise(const std::string& name, const std::vector<std::string>& xs,
                                 const std::string& function) {
  Layer l;
  l.name = name;
  l.op = Op::elementwise;
  std::vector<Shape> shapes;
  for (const std::string& x : xs) {
    l.inputs.push_back(ref(x));
    shapes.push_back(shape(x));
  }
  l.output = activation_tensor(broadcast(name, shapes));
  l.attrs.function = function;
  return add(std::move(l));
}

// ceil_mode (Caffe/PyTorch) lets the last window hang over the bottom/right edge; it is
// written as extra padding there, so the file needs no flag of its own.
std::string Builder::max_pool(const std::string& name, const std::string& x, int64_t kernel,
                              int64_t stride, int64_t padding, bool ceil_mode) {
  const Shape& in = shape(x);
  std::array<int64_t, 4> pad{padding, padding, padding, padding};
  if (ceil_mode) {
    for (int axis = 0; axis < 2; ++axis) {
      window_output(name, in[2 + axis], kernel, stride, padding, padding);  // fits at all
      const int64_t span = in[2 + axis] + 2 * padding - kernel;
      int64_t out = (span + stride - 1) / stride + 1;
      if ((out - 1) * stride >= in[2 + axis] + padding) --out;  // window must start inside
      pad[2 + axis] =
          std::max<int64_t>(padding, (out - 1) * stride + kernel - in[2 + axis] - padding);
    }
  }
  Layer l;
  l.name = name;
  l.op = Op::max_pool;
  l.inputs = {ref(x)};
  l.attrs.kernel = {kernel, kernel};
  l.attrs.stride = {stride, stride};
  l.attrs.padding = pad;
  const int64_t h = window_output(name, in[2], kernel, stride, pad[0], pad[2]);
  const int64_t w = window_output(name, in[3], kernel, stride, pad[1], pad[3]);
  l.output = activation_tensor({in[0], in[1], h, w});
  return add(std::move(l));
}

std::string Builder::global_avg_pool(const std::string& name, const std::string& x) {
  const Shape& in = shape(x);
  Layer l;
  l.name = name;
  l.op = Op::global_avg_pool;
  l.inputs = {ref(x)};
  l.output = activation_tensor({in[0], in[1], 1, 1});
  return add(std::move(l));
}

std::string Builder::concat(const std::string& name, const std::vector<std::string>& xs,
                            int64_t axis) {
  Layer l;
  l.name = name;
  l.op = Op::concat;
  l.attrs.axis = axis;
  Shape out = shape(xs.at(0));
  out[axis] = 0;
  for (const std::string& x : xs) {
    l.inputs.push_back(ref(x));
    out[axis] += shape(x).at(axis);
  }
  l.output = activation_tensor(out);
  return add(std::move(l));
}

std::string Builder::resize(const std::string& name, const std::string& x, int64_t scale) {
  const Shape& in = shape(x);
  Layer l;
  l.name = name;
  l.op = Op::resize;
  l.attrs.mode = "nearest";
  l.inputs = {ref(x)};
  l.output = activation_tensor({in[0], in[1], in[2] * scale, in[3] * scale});
  return add(std::move(l));
}

std::string Builder::flatten(const std::string& name, const std::string& x) {
  const Shape& in = shape(x);
  Layer l;
  l.name = name;
  l.op = Op::flatten;
  l.inputs = {ref(x)};
  l.output = activation_tensor({in[0], trace::element_count(in) / in[0]});
  return add(std::move(l));
}

std::string Builder::reshape(const std::string& name, const std::string& x, const Shape& to) {
  if (trace::element_count(to) != trace::element_count(shape(x))) {
    throw std::logic_error(name + ": reshape changes the element count");
  }
  Layer l;
  l.name = name;
  l.op = Op::reshape;
  l.inputs = {ref(x)};
  l.output = activation_tensor(to);
  return add(std::move(l));
}

std::string Builder::layer_norm(const std::string& name, const std::string& x) {
  const int64_t d = shape(x).back();
  Layer l;
  l.name = name;
  l.op = Op::layer_norm;
  l.inputs = {ref(x)};
  l.output = activation_tensor(shape(x));
  l.weights = {{"weight", norm_tensor(d)}, {"bias", norm_tensor(d)}};
  return add(std::move(l));
}

std::string Builder::rms_norm(const std::string& name, const std::string& x) {
  Layer l;
  l.name = name;
  l.op = Op::rms_norm;
  l.inputs = {ref(x)};
  l.output = activation_tensor(shape(x));
  l.weights = {{"weight", norm_tensor(shape(x).back())}};
  return add(std::move(l));
}

std::string Builder::embedding(const std::string& name, const std::string& ids, int64_t vocab,
                               int64_t dim) {
  Shape out = shape(ids);
  out.push_back(dim);
  Layer l;
  l.name = name;
  l.op = Op::embedding;
  l.inputs = {ref(ids)};
  l.output = activation_tensor(out);
  l.weights = {{"weight", weight_tensor({vocab, dim}, false)}};
  return add(std::move(l));
}

std::string Builder::attention(const std::string& name, const std::string& q, const std::string& k,
                               const std::string& v, const trace::Attributes& heads) {
  Layer l;
  l.name = name;
  l.op = Op::attention;
  l.inputs = {ref(q), ref(k), ref(v)};
  l.attrs.heads = heads.heads;
  l.attrs.kv_heads = heads.kv_heads;
  l.attrs.head_dim = heads.head_dim;
  l.attrs.causal = heads.causal;
  l.output = activation_tensor(shape(q));
  return add(std::move(l));
}

std::string Builder::kv_cache_write(const std::string& name, const std::string& x, int64_t past) {
  Shape out = shape(x);
  out.at(1) += past;
  Layer l;
  l.name = name;
  l.op = Op::kv_cache_write;
  l.inputs = {ref(x)};
  l.output = activation_tensor(out);
  return add(std::move(l));
}

std::string Builder::kv_cache_read(const std::string& name, const std::string& cache) {
  Layer l;
  l.name = name;
  l.op = Op::kv_cache_read;
  l.inputs = {ref(cache)};
  l.output = activation_tensor(shape(cache));
  return add(std::move(l));
}

void Builder::mark_output(const std::string& ref_name) {
  ref(ref_name);  // must exist
  trace_.outputs.push_back(ref_name);
}

trace::Trace Builder::finish() { return std::move(trace_); }

std::string conv_bn_act(Builder& b, const std::string& name, const std::string& x,
                        const ConvSpec& spec, const std::string& act) {
  const std::string y = b.conv2d(name, x, spec);
  return act.empty() ? y : b.activation(name + "." + act, y, act);
}

}  // namespace axsim::zoo
