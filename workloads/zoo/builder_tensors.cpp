// The builder's typing and quantization policy: which dtype, bit width and scales the
// activations, weights, biases and norm gains of a generated trace get.
#include "workloads/zoo/builder.h"

namespace axsim::zoo {

namespace {

using trace::DType;
using trace::QuantScheme;
using trace::Tensor;

// Scales are synthetic: the simulator reads the scheme and the bit width, never calibrated
// values. Activations get one plausible scale per tensor.
constexpr double kActivationScale = 1.0 / 16.0;

int64_t symmetric_qmax(int bits) { return (int64_t{1} << (bits - 1)) - 1; }

}  // namespace

Tensor Builder::activation_tensor(const Shape& shape) const {
  Tensor t;
  t.shape = shape;
  t.dtype = options_.dtype;
  t.bits = trace::dtype_bits(options_.dtype);
  if (trace::dtype_is_integer(options_.dtype)) {
    t.quant.scheme = QuantScheme::per_tensor;
    t.quant.scale = {kActivationScale};
  }
  return t;
}

Tensor Builder::weight_tensor(const Shape& shape, bool per_channel) const {
  Tensor t;
  t.shape = shape;
  t.dtype = options_.dtype;
  t.bits = trace::dtype_bits(options_.dtype);
  if (!trace::dtype_is_integer(options_.dtype)) return t;
  const double unit = 1.0 / static_cast<double>(symmetric_qmax(t.bits));
  if (per_channel && weight_quant_ == WeightQuant::per_channel) {
    t.quant.scheme = QuantScheme::per_channel;
    t.quant.axis = 0;
    // A deterministic spread over [0.5, 1.4] x unit, so channels differ as calibrated ones do.
    for (int64_t c = 0; c < shape.at(0); ++c) {
      t.quant.scale.push_back(unit * (0.5 + 0.1 * static_cast<double>((c * 7) % 10)));
    }
  } else {
    t.quant.scheme = QuantScheme::per_tensor;
    t.quant.scale = {unit};
  }
  return t;
}

// Integer inference adds the bias into the int32 accumulator, at scale input x weight.
Tensor Builder::bias_tensor(int64_t n, const Tensor& weight) const {
  Tensor t;
  t.shape = {n};
  if (!trace::dtype_is_integer(options_.dtype)) {
    t.dtype = options_.dtype;
    t.bits = trace::dtype_bits(options_.dtype);
    return t;
  }
  t.dtype = DType::int32;
  t.bits = 32;
  t.quant = weight.quant;
  t.quant.axis = 0;
  for (double& s : t.quant.scale) s *= kActivationScale;
  return t;
}

// Norm gains feed a floating-point vector unit even in integer traces.
Tensor Builder::norm_tensor(int64_t n) const {
  Tensor t;
  t.shape = {n};
  t.dtype = trace::dtype_is_integer(options_.dtype) ? DType::fp16 : options_.dtype;
  t.bits = trace::dtype_bits(t.dtype);
  return t;
}

}  // namespace axsim::zoo
