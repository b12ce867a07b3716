#include <cmath>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/conv_emit.h"
#include "workloads/onnx/handlers.h"
#include "workloads/onnx/window.h"

namespace axsim::onnx_import {

namespace {

using trace::Layer;
using trace::Op;

void conv(Translator& t, const NodeProto& node) {
  ConvParts parts;
  parts.x = input_name(node, 0);
  parts.weight = t.weight(input_name(node, 1), "the convolution's weights");
  if (!input_name(node, 2).empty()) {
    parts.bias = t.weight(input_name(node, 2), "the convolution's bias");
  }
  parts.output = t.tensor_of(output_name(node, 0), node);
  emit_conv(t, node, std::move(parts));
}

// The per-channel factor and shift an inference batch norm applies: y = x * f + s.
struct ChannelAffine {
  std::vector<double> factor;
  std::vector<double> shift;
};

std::optional<ChannelAffine> batch_norm_affine(const Translator& t, const NodeProto& node,
                                               int64_t channels) {
  std::shared_ptr<const Constant> params[4];
  for (int i = 0; i < 4; ++i) {
    params[i] = t.constant(input_name(node, i + 1));
    if (!params[i] || params[i]->size() != channels) return std::nullopt;
  }
  const double epsilon = attr_float(node, "epsilon", 1e-5);
  ChannelAffine a;
  for (size_t c = 0; c < static_cast<size_t>(channels); ++c) {
    const double f = params[0]->real(c) / std::sqrt(params[3]->real(c) + epsilon);
    a.factor.push_back(f);
    a.shift.push_back(params[1]->real(c) - params[2]->real(c) * f);
  }
  return a;
}

// The convolution `x` can hand a per-channel affine to: `x` is read by `node` alone, and the
// convolution keeps float weights with their values.
std::optional<Translator::FoldTarget> fold_target_of(Translator& t, const std::string& x) {
  const std::optional<Translator::FoldTarget> target = t.fold_target(x);
  if (!target || t.graph().consumers(x).size() != 1 || t.graph().is_graph_output(x)) {
    return std::nullopt;
  }
  const Layer& conv = t.layer(target->layer);
  const std::optional<std::vector<int64_t>> seen = t.graph().known_shape(x);
  if (!seen || seen->size() < 2 ||
      conv.weights.at(0).tensor.shape.at(0) != (*seen)[1] * target->phases) {
    return std::nullopt;
  }
  const std::vector<std::shared_ptr<const Constant>>& values = t.weight_values(target->layer);
  if (trace::dtype_is_integer(conv.weights.at(0).tensor.dtype) || values.empty() || !values[0] ||
      !values[0]->is_real()) {
    return std::nullopt;
  }
  return target;
}

// Applies y = x * f[c] + s[c] to the convolution's output channels: weights of output
// channel o scale by f[o / phases], the bias becomes b * f + s. Binds `out`, the affine's
// result, to the convolution's output as `x` saw it.
void apply_to_conv(Translator& t, const Translator::FoldTarget& target, const ChannelAffine& a,
                   const std::string& x, const std::string& out, const NodeProto& node) {
  Layer& layer = t.layer(target.layer);
  const std::vector<std::shared_ptr<const Constant>> values = t.weight_values(target.layer);
  const int64_t channels = layer.weights.at(0).tensor.shape.at(0);
  const size_t phases = static_cast<size_t>(target.phases);
  Constant weight = *values[0];
  const size_t per_channel = static_cast<size_t>(weight.size() / channels);
  for (size_t i = 0; i < weight.reals.size(); ++i)
    weight.reals[i] *= a.factor[i / per_channel / phases];
  Constant bias = make_constant(::onnx::TensorProto::FLOAT, {channels});
  for (size_t c = 0; c < static_cast<size_t>(channels); ++c) {
    const double b = values.size() > 1 && values[1] ? values[1]->real(c) : 0.0;
    bias.reals[c] = b * a.factor[c / phases] + a.shift[c / phases];
  }
  if (layer.weights.size() < 2) {
    trace::Tensor bias_tensor = layer.weights[0].tensor;
    bias_tensor.shape = {channels};
    bias_tensor.quant = {};
    layer.weights.push_back({"bias", bias_tensor});
  }
  t.set_weight_values(target.layer, {std::make_shared<const Constant>(std::move(weight)),
                                     std::make_shared<const Constant>(std::move(bias))});
  t.bind(out, t.value(x, node));
  t.set_fold_target(out, target);
}

// Channels of `x` as its second dimension; 0 when it has none.
int64_t channels_of(const Translator& t, const std::string& x, const NodeProto& node) {
  const std::vector<int64_t> shape = t.graph().shape(x, node);
  return shape.size() >= 2 ? shape[1] : 0;
}

// Folds the batch norm into the convolution that produces its input. True when it did.
bool fold_batch_norm(Translator& t, const NodeProto& node) {
  const std::string& x = input_name(node, 0);
  const std::optional<Translator::FoldTarget> target = fold_target_of(t, x);
  if (!target) return false;
  const std::optional<ChannelAffine> affine = batch_norm_affine(t, node, channels_of(t, x, node));
  if (!affine) return false;
  apply_to_conv(t, *target, *affine, x, output_name(node, 0), node);
  ++t.report().folded_batch_norms;
  return true;
}

// A convolution's output plus a constant per-channel vector ([C, 1, 1] and the like): the
// bias some exporters (Paddle's) write as an Add after the convolution.
void absorb_channel_bias(Translator& t, const std::string& x) {
  const std::optional<Translator::FoldTarget> target = fold_target_of(t, x);
  if (!target) return;
  const NodeProto* add = t.graph().consumers(x).front();
  if (add->op_type() != "Add" || add->input_size() != 2 || !add->domain().empty() ||
      !t.can_absorb(*add)) {
    return;
  }
  const std::string& other = add->input(0) == x ? add->input(1) : add->input(0);
  const std::shared_ptr<const Constant> c = t.constant(other);
  const std::vector<int64_t> shape = t.graph().shape(x, *add);
  const int64_t channels = shape.size() >= 2 ? shape[1] : 0;
  if (other == x || !c || !c->is_real() || c->size() != channels || c->dims.size() > shape.size() ||
      t.graph().known_shape(add->output(0)) != shape) {
    return;
  }
  // Right-aligned against [N, C, ...], the constant's only non-1 dimension must be C's.
  const size_t offset = shape.size() - c->dims.size();
  for (size_t i = 0; i < c->dims.size(); ++i) {
    if (c->dims[i] != 1 && offset + i != 1) return;
  }
  ChannelAffine shift_only;
  shift_only.factor.assign(static_cast<size_t>(channels), 1.0);
  for (size_t i = 0; i < static_cast<size_t>(channels); ++i) shift_only.shift.push_back(c->real(i));
  t.absorb(*add);
  apply_to_conv(t, *target, shift_only, x, add->output(0), *add);
}

void batch_norm(Translator& t, const NodeProto& node) {
  if (fold_batch_norm(t, node)) return;
  Layer layer;
  layer.op = Op::batch_norm;
  layer.inputs = {t.input(input_name(node, 0), node)};
  std::vector<std::shared_ptr<const Constant>> values;
  const char* names[] = {"scale", "shift", "mean", "variance"};
  for (int i = 0; i < 4; ++i) {
    WeightData w = t.weight(input_name(node, i + 1), std::string("batch norm ") + names[i] + "s");
    layer.weights.push_back({names[i], w.tensor});
    values.push_back(w.values);
  }
  layer.output = t.tensor_of(output_name(node, 0), node);
  t.bind_output(output_name(node, 0), t.add_layer(std::move(layer), node, "", values));
}

// ConvTranspose with stride s as the sub-pixel convolution hardware runs it: an ordinary
// convolution at the input's resolution with s*s times the output channels and kernels of
// ceil(k / s), then depth-to-space (a free reshape) and a crop to the output size. The MACs
// are those of the transposed convolution (exactly when s divides k, else the zero taps of
// the rounded-up kernel add some).
struct SubPixel {
  int64_t sh, sw, kh, kw, groups;
};

std::shared_ptr<const Constant> sub_pixel_weights(const Constant& w, const SubPixel& p) {
  // w: [Cin, Cout/groups, kh, kw] -> [Cout*sh*sw, Cin/groups, kh', kw'], channel order
  // (c, a, b) for output phase (a, b) as depth-to-space (CRD) reads it.
  const int64_t cin = w.dims[0], cout_g = w.dims[1], kh = w.dims[2], kw = w.dims[3];
  const int64_t cin_g = cin / p.groups;
  Constant out = make_constant(w.elem_type, {cout_g * p.groups * p.sh * p.sw, cin_g, p.kh, p.kw});
  size_t i = 0;
  for (int64_t g = 0; g < p.groups; ++g) {
    for (int64_t co = 0; co < cout_g; ++co) {
      for (int64_t a = 0; a < p.sh; ++a) {
        for (int64_t b = 0; b < p.sw; ++b) {
          for (int64_t ci = 0; ci < cin_g; ++ci) {
            for (int64_t m = 0; m < p.kh; ++m) {
              for (int64_t n = 0; n < p.kw; ++n, ++i) {
                const int64_t ti = a + p.sh * (p.kh - 1 - m), tj = b + p.sw * (p.kw - 1 - n);
                if (ti >= kh || tj >= kw) continue;
                out.reals[i] = w.real(
                    static_cast<size_t>((((g * cin_g + ci) * cout_g + co) * kh + ti) * kw + tj));
              }
            }
          }
        }
      }
    }
  }
  return std::make_shared<const Constant>(std::move(out));
}

void conv_transpose(Translator& t, const NodeProto& node) {
  const trace::InputRef x = t.input(input_name(node, 0), node);
  const WeightData w = t.weight(input_name(node, 1), "the transposed convolution's weights");
  const std::vector<int64_t>& in = x.tensor.shape;
  const std::vector<int64_t>& ws = w.tensor.shape;
  if (in.size() != 4 || ws.size() != 4) {
    throw NotSupported("only 2-D transposed convolutions are supported");
  }
  if (w.quantized || !w.values || !w.values->is_real()) {
    throw NotSupported("quantized transposed convolutions are not supported");
  }
  for (int64_t d : attr_ints(node, "dilations", {1, 1})) {
    if (d != 1) throw NotSupported("dilated transposed convolutions are not supported");
  }
  const std::vector<int64_t> strides = attr_ints(node, "strides", {1, 1});
  const trace::Tensor out = t.tensor_of(output_name(node, 0), node);
  SubPixel p{strides.at(0), strides.at(1), 0, 0, attr_int(node, "group", 1)};
  p.kh = (ws[2] + p.sh - 1) / p.sh;
  p.kw = (ws[3] + p.sw - 1) / p.sw;
  const int64_t cout = ws[1] * p.groups;
  const int64_t hc = (out.shape[2] + p.sh - 1) / p.sh, wc = (out.shape[3] + p.sw - 1) / p.sw;
  const int64_t pad_h = hc - in[2] + p.kh - 1, pad_w = wc - in[3] + p.kw - 1;
  if (pad_h < 0 || pad_w < 0) {
    throw NotSupported("its pads crop more than a sub-pixel convolution can produce");
  }
  Layer conv;
  conv.op = Op::conv2d;
  conv.inputs = {x};
  trace::Tensor kernel = w.tensor;
  kernel.shape = {cout * p.sh * p.sw, ws[0] / p.groups, p.kh, p.kw};
  conv.weights = {{"weight", kernel}};
  std::vector<std::shared_ptr<const Constant>> values = {sub_pixel_weights(*w.values, p)};
  if (!input_name(node, 2).empty()) {
    const WeightData bias = t.weight(input_name(node, 2), "the transposed convolution's bias");
    Constant repeated = make_constant(::onnx::TensorProto::FLOAT, {cout * p.sh * p.sw});
    for (size_t i = 0; i < repeated.reals.size(); ++i) {
      repeated.reals[i] = bias.values->real(i / static_cast<size_t>(p.sh * p.sw));
    }
    trace::Tensor bias_tensor = bias.tensor;
    bias_tensor.shape = repeated.dims;
    conv.weights.push_back({"bias", bias_tensor});
    values.push_back(std::make_shared<const Constant>(std::move(repeated)));
  }
  conv.attrs.kernel = {p.kh, p.kw};
  conv.attrs.padding = {pad_h / 2, pad_w / 2, pad_h - pad_h / 2, pad_w - pad_w / 2};
  conv.attrs.groups = p.groups;
  conv.output = out;
  conv.output.shape = {in[0], cout * p.sh * p.sw, hc, wc};
  const std::string name = t.add_layer(std::move(conv), node, "", values);
  Value shuffled =
      t.reshape(t.output_value(name), {in[0], cout, hc * p.sh, wc * p.sw}, node, "depth_to_space");
  if (shuffled.tensor.shape != out.shape) {
    Layer crop;
    crop.op = Op::slice;
    crop.inputs = {{shuffled.from, shuffled.tensor}};
    crop.output = out;
    shuffled = t.output_value(t.add_layer(std::move(crop), node, "crop"));
  }
  t.bind(output_name(node, 0), shuffled);
  t.set_fold_target(output_name(node, 0), {name, p.sh * p.sw});
  if (input_name(node, 2).empty()) absorb_channel_bias(t, output_name(node, 0));
  if (ws[2] % p.sh != 0 || ws[3] % p.sw != 0) {
    t.note(node, "kernel " + std::to_string(ws[2]) + "x" + std::to_string(ws[3]) + " with stride " +
                     std::to_string(p.sh) + "x" + std::to_string(p.sw) +
                     ": the sub-pixel convolution's kernels are padded with zero taps");
  }
}

}  // namespace

void emit_conv(Translator& t, const NodeProto& node, ConvParts parts) {
  const Value x = t.value(parts.x, node);
  const std::vector<int64_t> seen = t.graph().shape(parts.x, node);  // after any Pad
  const std::vector<int64_t>& ws = parts.weight.tensor.shape;
  if (ws.size() != seen.size() || ws.size() < 3) {
    throw NotSupported("weights " + shape_text(ws) + " do not match input " + shape_text(seen));
  }
  Window window = read_window(node, {seen.begin() + 2, seen.end()}, {ws.begin() + 2, ws.end()});
  add_padding(window, x);
  const Value x4 = as_nchw(t, x, node);
  Layer layer;
  layer.op = Op::conv2d;
  trace::InputRef in{x4.from, x4.tensor};
  if (parts.input_quant) in.tensor.quant = *parts.input_quant;
  layer.inputs = {in};
  trace::Tensor weight = parts.weight.tensor;
  if (ws.size() == 3) weight.shape = {ws[0], ws[1], 1, ws[2]};
  layer.weights = {{"weight", weight}};
  std::vector<std::shared_ptr<const Constant>> values = {parts.weight.values};
  if (parts.bias) {
    layer.weights.push_back({"bias", parts.bias->tensor});
    values.push_back(parts.bias->values);
  }
  layer.attrs.kernel = window.kernel;
  layer.attrs.stride = window.stride;
  layer.attrs.dilation = window.dilation;
  layer.attrs.padding = window.padding;
  layer.attrs.groups = attr_int(node, "group", 1);
  layer.output = parts.output;
  const std::vector<int64_t> out_shape = parts.output.shape;
  if (out_shape.size() == 3) layer.output.shape = {out_shape[0], out_shape[1], 1, out_shape[2]};
  const std::string name = t.add_layer(std::move(layer), node, "", values);
  t.bind_as(output_name(node, 0), name, out_shape, node);
  t.set_fold_target(output_name(node, 0), {name, 1});
  if (!parts.bias) absorb_channel_bias(t, output_name(node, 0));
}

void add_conv_handlers(HandlerMap& map) {
  map["Conv"] = conv;
  map["ConvTranspose"] = conv_transpose;
  map["BatchNormalization"] = batch_norm;
}

}  // namespace axsim::onnx_import
