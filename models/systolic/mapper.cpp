#include "models/systolic/mapper.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "models/core/error.h"
#include "models/core/units.h"
#include "workloads/trace/counts.h"

namespace axsim::systolic {

namespace {

using trace::Layer;
using trace::Op;

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

double bytes_of(int64_t elements, int bits) { return std::ceil(elements * bits / 8.0); }

bool is_shape_only(Op op) { return op == Op::reshape || op == Op::flatten; }

// Weight operand of a MAC layer, if it has one (biases are not operands of the array).
const trace::Tensor* mac_weight(const Layer& layer) {
  if (layer.op != Op::conv2d && layer.op != Op::linear && layer.op != Op::rnn) return nullptr;
  return layer.weights.empty() ? nullptr : &layer.weights.front().tensor;
}

int operand_bits(const Layer& layer) {
  int bits = layer.inputs.empty() ? layer.output.bits : layer.inputs.front().tensor.bits;
  if (const trace::Tensor* w = mac_weight(layer)) bits = std::max(bits, w->bits);
  return bits;
}

std::string mac_action(const Layer& layer) {
  const trace::Tensor* w = mac_weight(layer);
  const trace::DType dtype = w ? w->dtype : layer.inputs.front().tensor.dtype;
  return std::string("mac_") + trace::dtype_name(dtype);
}

// Softmax work inside a fused attention layer, done on the vector unit.
int64_t attention_softmax_ops(const Layer& layer) {
  const auto& q = layer.inputs.at(0).tensor.shape;
  const auto& k = layer.inputs.at(1).tensor.shape;
  return q.at(0) * layer.attrs.heads * q.at(1) * k.at(1);
}

}  // namespace

const char* unit_name(Unit unit) {
  switch (unit) {
    case Unit::array: return "array";
    case Unit::vector: return "vector";
    case Unit::none: return "none";
  }
  return "none";
}

std::vector<LoweredGemm> lower_to_gemms(const Layer& layer) {
  switch (layer.op) {
    case Op::conv2d: {
      const auto& in = layer.inputs.at(0).tensor.shape;
      const auto& out = layer.output.shape;
      const int64_t groups = layer.attrs.groups;
      const int64_t m = out.at(0) * out.at(2) * out.at(3);
      const int64_t k = in.at(1) / groups * layer.attrs.kernel[0] * layer.attrs.kernel[1];
      return {{{m, k, out.at(1) / groups}, groups}};
    }
    case Op::linear: {
      const trace::Tensor& w = layer.weights.at(0).tensor;
      const int64_t n = w.shape.at(0);
      const int64_t k = w.shape.at(1);
      return {{{trace::element_count(layer.output.shape) / n, k, n}, 1}};
    }
    case Op::matmul: {
      const auto& a = layer.inputs.at(0).tensor.shape;
      const auto& b = layer.inputs.at(1).tensor.shape;
      const int64_t m = a.at(a.size() - 2);
      const int64_t k = a.back();
      const int64_t n = b.back();
      return {{{m, k, n}, trace::element_count(layer.output.shape) / (m * n)}};
    }
    case Op::attention: {
      const auto& q = layer.inputs.at(0).tensor.shape;
      const auto& kv = layer.inputs.at(1).tensor.shape;
      const int64_t d = layer.attrs.head_dim;
      const int64_t repeat = q.at(0) * layer.attrs.heads;
      return {{{q.at(1), d, kv.at(1)}, repeat}, {{q.at(1), kv.at(1), d}, repeat}};
    }
    case Op::rnn: {
      // Each step needs the previous step's hidden state, so the S·D steps run one after
      // another, each a [B, I + H] x [I + H, G·H] product of the input and hidden state with
      // the stacked gate weights.
      const auto& x = layer.inputs.at(0).tensor.shape;
      const auto& w = layer.weights.at(0).tensor.shape;
      const auto& r = layer.weights.at(1).tensor.shape;
      return {{{x.at(1), w.at(2) + r.at(2), w.at(1)}, x.at(0) * w.at(0)}};
    }
    default:
      return {};
  }
}

Plan map_trace(const SystolicConfig& config, const trace::Trace& trace) {
  Plan plan;
  const double capacity = config.sram_capacity.si;
  double activation_capacity = capacity;
  if (config.weights_resident) {
    for (const Layer& layer : trace.layers) {
      plan.resident_weight_bytes += static_cast<double>(trace::count_layer(layer).weight_bytes);
    }
    if (plan.resident_weight_bytes > capacity) {
      throw core::InputError(
          "trace '" + trace.name + "' has " +
          core::format_bytes(core::Bytes(plan.resident_weight_bytes)) +
          " of weights, more than sram.capacity (" + core::format_bytes(config.sram_capacity) +
          ") allows with sram.weights_resident: true");
    }
    activation_capacity -= plan.resident_weight_bytes;
  }

  // Where each tensor lives: graph inputs arrive in DRAM; a layer's output stays in SRAM when
  // it fits beside its inputs and a double-buffered weight tile.
  std::map<std::string, bool> in_dram;
  for (const auto& input : trace.inputs) in_dram[input.name] = true;
  std::map<std::string, bool> is_graph_output;
  for (const auto& name : trace.outputs) is_graph_output[name] = true;

  const double peak_8bit = static_cast<double>(config.array.shape.rows * config.array.shape.cols);
  for (const Layer& layer : trace.layers) {
    const trace::LayerCounts counts = trace::count_layer(layer);
    LayerPlan lp;
    lp.name = layer.name;
    lp.op = trace::op_name(layer.op);
    lp.macs = counts.macs;
    lp.vector_ops = counts.vector_ops;
    lp.operand_bits = operand_bits(layer);

    bool input_spilled = false;
    for (const auto& input : layer.inputs) input_spilled |= in_dram[input.from];

    if (is_shape_only(layer.op)) {
      in_dram[layer.name] = input_spilled;
      plan.layers.push_back(std::move(lp));
      continue;
    }

    const double weight_bytes = static_cast<double>(counts.weight_bytes);
    const double tile_weight_bytes = 2.0 * weight_bytes / config.max_tiles_per_layer;
    const bool output_fits = static_cast<double>(counts.input_bytes + counts.output_bytes) +
                                 tile_weight_bytes <= activation_capacity;
    lp.input_from_dram = input_spilled;
    lp.output_to_dram = !output_fits || is_graph_output[layer.name];
    in_dram[layer.name] = lp.output_to_dram;

    double loads = input_spilled ? static_cast<double>(counts.input_bytes) : 0.0;
    double stores = lp.output_to_dram ? static_cast<double>(counts.output_bytes) : 0.0;
    int64_t cycles = 0;
    int64_t natural_tiles = 1;

    const std::vector<LoweredGemm> gemms = lower_to_gemms(layer);
    if (!gemms.empty()) {
      lp.unit = Unit::array;
      lp.mac_action = mac_action(layer);
      lp.peak_macs_per_cycle =
          peak_8bit * compute::macs_per_pe_per_cycle(config.array, lp.operand_bits);
      natural_tiles = 0;
      for (const LoweredGemm& g : gemms) {
        const compute::GemmTiming t = compute::time_gemm(config.array, g.shape, lp.operand_bits);
        cycles += t.cycles * g.repeat;
        lp.folds += t.folds * g.repeat;
        natural_tiles += t.folds * g.repeat;
        const double operand_bytes = lp.operand_bits / 8.0;
        lp.sram_read_bytes += (t.a_reads + t.b_reads) * operand_bytes * g.repeat;
        lp.sram_write_bytes += t.c_writes * 4.0 * g.repeat;  // int32 / fp32 accumulators
      }
      if (layer.op == Op::attention) {
        const int64_t softmax_ops = attention_softmax_ops(layer);
        lp.vector_ops += softmax_ops;
        cycles += ceil_div(softmax_ops, config.vector_ops_per_cycle);
      }
      if (layer.op == Op::rnn) {
        // Gate activations and the state update sit between one step's GEMM and the next.
        cycles += ceil_div(counts.vector_ops, config.vector_ops_per_cycle);
      }
      if (!config.weights_resident && mac_weight(layer) != nullptr) {
        lp.weight_dram_bytes = weight_bytes;
        loads += weight_bytes;
      }
    } else {
      lp.unit = Unit::vector;
      cycles = ceil_div(std::max<int64_t>(counts.vector_ops, 1), config.vector_ops_per_cycle);
      lp.sram_read_bytes += static_cast<double>(counts.input_bytes);
      lp.sram_write_bytes += static_cast<double>(counts.output_bytes);
      natural_tiles = ceil_div(cycles, 1024);
      if (layer.op == Op::kv_cache_read) {
        // The cache lives in DRAM: reading it is a load whatever the SRAM holds.
        loads += static_cast<double>(counts.output_bytes);
      } else if (layer.op == Op::kv_cache_write) {
        stores += bytes_of(trace::element_count(layer.inputs.at(0).tensor.shape),
                           layer.inputs.at(0).tensor.bits);
      } else if (layer.op == Op::embedding) {
        // Only the looked-up rows of the table cross the link.
        loads += static_cast<double>(counts.output_bytes);
      }
    }
    lp.activation_dram_bytes = loads + stores - lp.weight_dram_bytes;
    lp.sram_write_bytes += loads;
    lp.sram_read_bytes += stores;

    const int64_t tiles = std::clamp<int64_t>(natural_tiles, 1, config.max_tiles_per_layer);
    lp.tiles.resize(static_cast<size_t>(tiles));
    for (int64_t i = 0; i < tiles; ++i) {
      TilePlan& tile = lp.tiles[static_cast<size_t>(i)];
      tile.load_bytes = loads / tiles;
      tile.store_bytes = stores / tiles;
      // Spread the cycles so the tiles add up exactly.
      tile.compute_cycles = cycles / tiles + (i < cycles % tiles ? 1 : 0);
    }
    plan.layers.push_back(std::move(lp));
  }
  return plan;
}

}  // namespace axsim::systolic
