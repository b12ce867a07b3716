#include "workloads/onnx/quantize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "workloads/onnx/trace_fixup.h"

namespace axsim::onnx_import {

namespace {

using trace::DType;
using trace::Layer;
using trace::Op;

// What an N-bit uniform quantizer scaled to a tensor's largest magnitude gives weights that
// are roughly Gaussian with their largest value near 4 standard deviations (a few thousand
// weights): 6.02 N + 4.77 - 20 log10(4) dB. A layer more than kOutlierMarginDb below that has
// its range set by a few outliers, and loses visibly more accuracy than its neighbours.
double expected_sqnr_db(int bits) { return 6.02 * bits + 4.77 - 20.0 * std::log10(4.0); }
constexpr double kOutlierMarginDb = 10.0;

bool weights_degrade(double sqnr_db, int bits) {
  return sqnr_db < expected_sqnr_db(bits) - kOutlierMarginDb;
}

std::string db_text(double db) {
  if (std::isinf(db)) return "exact";
  std::ostringstream text;
  text.precision(1);
  text << std::fixed << db << " dB";
  return text.str();
}

DType int_dtype(int bits) { return bits <= 4 ? DType::int4 : DType::int8; }

void set_type(trace::Tensor& t, DType dtype, int bits) {
  t.dtype = dtype;
  t.bits = bits;
  t.quant = {};
}

bool is_mac_layer(const Layer& l) {
  return (l.op == Op::conv2d || l.op == Op::linear || l.op == Op::rnn) && !l.weights.empty();
}

bool is_normalisation(Op op) {
  return op == Op::softmax || op == Op::layer_norm || op == Op::rms_norm;
}

// Channel axis of the weights that get per-channel scales: output channels of conv2d and
// linear weights, gate rows of recurrent ones.
int channel_axis(const Layer& l) { return l.op == Op::rnn ? 1 : 0; }

class Quantizer {
 public:
  Quantizer(const WeightValues& values, const QuantizeOptions& options, ImportReport& report)
      : values_(values), options_(options), report_(report) {
    weight_bits_ = options.target == QuantTarget::int8 ? 8 : 4;
    activation_bits_ = options.target == QuantTarget::int4 ? 4 : 8;
  }

  void run(trace::Trace& trace) {
    size_t first = trace.layers.size(), last = 0;
    for (size_t i = 0; i < trace.layers.size(); ++i) {
      if (!is_mac_layer(trace.layers[i])) continue;
      first = std::min(first, i);
      last = i;
    }
    for (trace::GraphInput& in : trace.inputs) {
      if (!trace::dtype_is_integer(in.tensor.dtype)) {
        set_type(in.tensor, int_dtype(activation_bits_), activation_bits_);
      }
    }
    for (size_t i = 0; i < trace.layers.size(); ++i) {
      Layer& layer = trace.layers[i];
      if (is_mac_layer(layer)) {
        quantize_mac_layer(layer, i == first || i == last);
      } else {
        quantize_other_layer(layer);
      }
    }
    match_inputs_to_producers(trace);
  }

 private:
  const Constant* value_of(const Layer& layer, size_t weight) const {
    const auto found = values_.find(layer.name);
    if (found == values_.end() || weight >= found->second.size()) return nullptr;
    return found->second[weight].get();
  }

  WeightQuantization try_bits(const Layer& layer, size_t weight, int bits) const {
    const Constant* v = value_of(layer, weight);
    if (v == nullptr) return {};
    const int axis = options_.per_channel ? channel_axis(layer) : -1;
    return quantize_weights(*v, layer.weights[weight].tensor.shape, axis, bits, options_.symmetric);
  }

  void keep(const Layer& layer, const std::string& why) {
    report_.higher_precision.push_back({layer.name, why});
  }

  // Weight tensors of a MAC layer that carry the multiplications: W (and R of a recurrent
  // layer); the rest are biases and peepholes, added in the accumulator's precision.
  static size_t multiplied_weights(const Layer& layer) { return layer.op == Op::rnn ? 2 : 1; }

  void quantize_mac_layer(Layer& layer, bool first_or_last) {
    const size_t multiplied = multiplied_weights(layer);
    int bits = weight_bits_;
    std::string why;
    if (bits == 4 && first_or_last) {
      bits = 8;
      why = "first or last MAC layer: 4-bit weights cost it the most accuracy";
    }
    std::vector<WeightQuantization> q(multiplied);
    const auto worst = [&q] {
      double db = std::numeric_limits<double>::infinity();
      for (const WeightQuantization& w : q) db = std::min(db, w.sqnr_db);
      return db;
    };
    for (size_t w = 0; w < multiplied; ++w) q[w] = try_bits(layer, w, bits);
    if (bits == 4 && weights_degrade(worst(), 4)) {
      why = "4-bit weights reach " + db_text(worst()) + " SQNR, outliers dominate their range";
      bits = 8;
      for (size_t w = 0; w < multiplied; ++w) q[w] = try_bits(layer, w, bits);
    }
    if (bits == 8 && weights_degrade(worst(), 8)) {
      keep(layer, "fp16: 8-bit weights reach " + db_text(worst()) +
                      " SQNR, outliers dominate their range");
      for (trace::Weight& w : layer.weights) set_type(w.tensor, DType::fp16, 16);
      set_type(layer.output, DType::fp16, 16);
      return;
    }
    if (bits != weight_bits_) keep(layer, "int8 weights, not int4: " + why);
    for (size_t w = 0; w < layer.weights.size(); ++w) {
      trace::Tensor& t = layer.weights[w].tensor;
      if (w < multiplied) {
        set_type(t, int_dtype(bits), bits);
        t.quant = q[w].quant;
      } else {
        set_type(t, DType::int32, 32);  // in the accumulator's scale, unknown without calibration
      }
    }
    set_type(layer.output, int_dtype(activation_bits_), activation_bits_);
  }

  void quantize_other_layer(Layer& layer) {
    if (layer.op == Op::generic) {
      keep(layer, "fp32: " + layer.attrs.function + " runs on the host CPU");
      return;
    }
    if (is_normalisation(layer.op)) {
      keep(layer, std::string("fp16: ") + trace::op_name(layer.op) +
                      " output needs more range than " + std::to_string(activation_bits_) +
                      " bits");
      for (trace::Weight& w : layer.weights) set_type(w.tensor, DType::fp16, 16);
      set_type(layer.output, DType::fp16, 16);
      return;
    }
    for (size_t w = 0; w < layer.weights.size(); ++w) {
      trace::Tensor& t = layer.weights[w].tensor;
      // Embedding tables are weights; operands of element-wise layers and batch-norm
      // parameters meet activations, so they take the activations' width. One scale each.
      const int bits = layer.op == Op::embedding ? weight_bits_ : activation_bits_;
      const Constant* v = value_of(layer, w);
      set_type(t, int_dtype(bits), bits);
      if (v != nullptr && v->is_real()) {
        t.quant = quantize_weights(*v, t.shape, -1, bits, options_.symmetric).quant;
      }
    }
    set_type(layer.output, int_dtype(activation_bits_), activation_bits_);
  }

  const WeightValues& values_;
  const QuantizeOptions& options_;
  ImportReport& report_;
  int weight_bits_ = 8;
  int activation_bits_ = 8;
};

}  // namespace

WeightQuantization quantize_weights(const Constant& values, const std::vector<int64_t>& shape,
                                    int axis, int bits, bool symmetric) {
  const int64_t rank = static_cast<int64_t>(shape.size());
  const int64_t a = axis < 0 || rank == 0 ? -1 : std::min<int64_t>(axis, rank - 1);
  const int64_t channels = a < 0 ? 1 : shape[static_cast<size_t>(a)];
  int64_t inner = 1;
  for (int64_t d = a + 1; d < rank && a >= 0; ++d) inner *= shape[static_cast<size_t>(d)];
  const auto channel_of = [&](size_t i) {
    return a < 0 ? 0 : static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels);
  };
  const size_t n = static_cast<size_t>(values.size());
  std::vector<double> low(static_cast<size_t>(channels), 0.0),
      high(static_cast<size_t>(channels), 0.0);
  for (size_t i = 0; i < n; ++i) {
    const size_t c = channel_of(i);
    low[c] = std::min(low[c], values.real(i));
    high[c] = std::max(high[c], values.real(i));
  }
  const double q_min = -std::ldexp(1.0, bits - 1), q_max = std::ldexp(1.0, bits - 1) - 1;
  WeightQuantization result;
  trace::Quantization& q = result.quant;
  q.scheme = a < 0 ? trace::QuantScheme::per_tensor : trace::QuantScheme::per_channel;
  q.axis = a < 0 ? 0 : static_cast<int>(a);
  for (size_t c = 0; c < static_cast<size_t>(channels); ++c) {
    double scale =
        symmetric ? std::max(-low[c], high[c]) / q_max : (high[c] - low[c]) / (q_max - q_min);
    // An all-zero channel quantizes exactly at any scale; the format wants a positive one.
    if (!(scale > 0.0) || !std::isfinite(scale)) scale = 1.0;
    q.scale.push_back(scale);
    if (!symmetric) {
      q.zero_point.push_back(
          static_cast<int64_t>(std::clamp(std::round(q_min - low[c] / scale), q_min, q_max)));
    }
  }
  double signal = 0, noise = 0;
  for (size_t i = 0; i < n; ++i) {
    const size_t c = channel_of(i);
    const double w = values.real(i), s = q.scale[c];
    const double z = symmetric ? 0.0 : static_cast<double>(q.zero_point[c]);
    const double stored = std::clamp(std::round(w / s) + z, q_min, q_max);
    const double error = w - s * (stored - z);
    signal += w * w;
    noise += error * error;
  }
  result.sqnr_db = noise == 0.0 ? std::numeric_limits<double>::infinity()
                                : 10.0 * std::log10(std::max(signal, 1e-300) / noise);
  return result;
}

void quantize_trace(trace::Trace& trace, const WeightValues& values, const QuantizeOptions& options,
                    ImportReport& report) {
  Quantizer(values, options, report).run(trace);
}

}  // namespace axsim::onnx_import
