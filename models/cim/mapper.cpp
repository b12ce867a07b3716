#include "models/cim/mapper.h"

#include <algorithm>
#include <cmath>

#include "models/core/error.h"
#include "workloads/trace/counts.h"

namespace axsim::cim {

namespace {

using trace::Layer;
using trace::Op;

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

Unit unit_of(Op op) {
  switch (op) {
    case Op::conv2d:
    case Op::linear:
      return Unit::array;
    case Op::max_pool:
    case Op::avg_pool:
    case Op::global_avg_pool:
    case Op::elementwise:
    case Op::activation:
    case Op::batch_norm:
      return Unit::vector;
    case Op::reshape:
    case Op::flatten:
    case Op::concat:
    case Op::slice:
      return Unit::none;
    default:
      return Unit::cpu;  // softmax, norms, matmul, attention, rnn, embedding, generic, ...
  }
}

[[noreturn]] void layer_error(const Layer& layer, const std::string& what) {
  throw core::InputError("layer '" + layer.name + "' (" + trace::op_name(layer.op) +
                         ") cannot be mapped onto the CIM arrays: " + what);
}

// Why the arrays cannot take a layer's operands at all ("" when they can): the cells hold
// integers, so float weights or activations run on the CPU. Integers wider than the macro
// are a mismatch between quantization and chip, an error (check_widths).
std::string float_operands(const Layer& layer) {
  const trace::Tensor& w = layer.weights.at(0).tensor;
  const trace::Tensor& x = layer.inputs.at(0).tensor;
  if (!trace::dtype_is_integer(w.dtype)) {
    return std::string(trace::dtype_name(w.dtype)) + " weights";
  }
  if (!trace::dtype_is_integer(x.dtype)) {
    return std::string(trace::dtype_name(x.dtype)) + " activations";
  }
  return "";
}

void check_widths(const CimConfig& config, const Layer& layer) {
  const trace::Tensor& w = layer.weights.at(0).tensor;
  if (!trace::dtype_is_integer(w.dtype) || w.bits > config.macro.weight_bits) {
    layer_error(layer, std::string(trace::dtype_name(w.dtype)) + " weights of " +
                           std::to_string(w.bits) +
                           " bits are wider than the macro's weight_bits (" +
                           std::to_string(config.macro.weight_bits) + ": " +
                           std::to_string(weight_slices(config.macro)) + " cells of " +
                           std::to_string(config.macro.bits_per_cell) + " bits)");
  }
  const trace::Tensor& x = layer.inputs.at(0).tensor;
  if (!trace::dtype_is_integer(x.dtype) || x.bits > config.macro.input_bits) {
    layer_error(layer, std::string(trace::dtype_name(x.dtype)) + " inputs of " +
                           std::to_string(x.bits) +
                           " bits are wider than the macro's input_bits (" +
                           std::to_string(config.macro.input_bits) + ")");
  }
}

ArrayMapping tile_layer(const CimConfig& config, const Layer& layer) {
  const MacroGeometry& g = config.macro;
  const int64_t lcols = logical_columns(g);
  ArrayMapping m;
  if (layer.op == Op::conv2d) {
    const auto& in = layer.inputs.at(0).tensor.shape;
    const auto& out = layer.output.shape;
    m.groups = layer.attrs.groups;
    m.vectors = out.at(0) * out.at(2) * out.at(3);
    m.k = in.at(1) / m.groups * layer.attrs.kernel[0] * layer.attrs.kernel[1];
    m.n = out.at(1) / m.groups;
  } else {
    const auto& w = layer.weights.at(0).tensor.shape;
    m.n = w.at(0);
    m.k = w.at(1);
    m.vectors = trace::element_count(layer.output.shape) / m.n;
  }
  const int slices = weight_slices(g);
  if (m.groups > 1 && m.k <= g.rows && m.n <= lcols && config.depthwise_groups_per_tile > 1) {
    m.groups_per_tile =
        std::min({g.rows / m.k, lcols / m.n, m.groups, config.depthwise_groups_per_tile});
    m.tiles = ceil_div(m.groups, m.groups_per_tile);
    m.tile_rows = m.groups_per_tile * m.k;
    m.tile_columns = m.groups_per_tile * m.n;
    // Block-diagonal tiles: the off-diagonal cells are occupied (they hold zeros).
    const int64_t full = m.groups / m.groups_per_tile;
    const int64_t rest = m.groups % m.groups_per_tile;
    m.cells = (static_cast<double>(full) * m.tile_rows * m.tile_columns +
               static_cast<double>(rest * m.k) * (rest * m.n)) *
              slices;
  } else {
    m.k_tiles = ceil_div(m.k, g.rows);
    m.n_tiles = ceil_div(m.n, lcols);
    m.tiles = m.k_tiles * m.n_tiles * m.groups;
    m.tile_rows = std::min(m.k, g.rows);
    m.tile_columns = std::min(m.n, lcols);
    m.cells = static_cast<double>(m.k) * m.n * m.groups * slices;
  }
  return m;
}

// Counts of one layer's actions for all its vectors (independent of copies and passes).
void count_actions(const CimConfig& config, LayerPlan& lp, int input_bytes, int output_bytes) {
  const MacroGeometry& g = config.macro;
  const ArrayMapping& m = lp.array;
  const double steps = input_slices(g);
  const double slices = weight_slices(g);
  const double vectors = static_cast<double>(m.vectors);
  double driven_rows = 0, used_columns = 0;  // summed over one copy's tiles
  if (m.groups_per_tile > 1) {
    driven_rows = static_cast<double>(m.groups) * m.k;
    used_columns = static_cast<double>(m.groups) * m.n;
  } else {
    driven_rows = static_cast<double>(m.k) * m.n_tiles * m.groups;
    used_columns = static_cast<double>(m.n) * m.k_tiles * m.groups;
  }
  lp.macro_mvms = vectors * m.tiles;
  lp.cell_ops = vectors * steps * m.cells;
  lp.dac_ops = vectors * steps * driven_rows;
  lp.conversions = vectors * steps * used_columns * slices;
  // Shift-and-add per conversion, then one add per output per extra row tile.
  lp.shift_adds = lp.conversions + vectors * static_cast<double>(m.n) * m.groups * (m.k_tiles - 1);
  lp.buffer_bytes = vectors * (static_cast<double>(m.k) * m.groups * input_bytes +
                               static_cast<double>(m.n) * m.groups * output_bytes);
  lp.adc_busy_cycles = lp.macro_mvms * static_cast<double>(mvm_cycles(g) - kMvmOverheadCycles);
}

// Bus cycles of one round in which `tiles` of the layer's tiles (of `copies` copies) work.
int64_t round_cycles(const CimConfig& config, const LayerPlan& lp, int64_t active_tiles,
                     int input_bytes, int output_bytes) {
  const ArrayMapping& m = lp.array;
  const double share = static_cast<double>(active_tiles) / static_cast<double>(m.tiles);
  const double bytes = share * (static_cast<double>(m.k) * m.groups * input_bytes +
                                static_cast<double>(m.n) * m.groups * output_bytes);
  const auto bus = static_cast<int64_t>(std::ceil(bytes / config.bus_bytes_per_cycle));
  return std::max(lp.mvm_cycles, bus);
}

int64_t reload_cycles(const CimConfig& config, int64_t tiles, int64_t rows) {
  const double row_cycles = config.reload.row_time.si * config.clock.si;
  return static_cast<int64_t>(std::ceil(
      static_cast<double>(ceil_div(tiles, config.reload.parallel_macros)) * rows * row_cycles));
}

void plan_passes(const CimConfig& config, LayerPlan& lp, int64_t swap_macros, int in_b, int out_b) {
  ArrayMapping& m = lp.array;
  lp.passes.clear();
  const double bytes_per_cell = config.macro.weight_bits / 8.0 / weight_slices(config.macro);
  if (m.resident) {
    const int64_t active = m.tiles * m.copies;
    m.waves = ceil_div(active, config.macros);
    PassPlan pass;
    pass.rounds = ceil_div(m.vectors, m.copies) * m.waves;
    pass.round_cycles =
        round_cycles(config, lp, std::min(m.tiles * m.copies, config.macros), in_b, out_b);
    lp.passes.push_back(pass);
    return;
  }
  m.copies = 1;
  m.passes = ceil_div(m.tiles, swap_macros);
  for (int64_t p = 0; p < m.passes; ++p) {
    const int64_t tiles = std::min(swap_macros, m.tiles - p * swap_macros);
    PassPlan pass;
    pass.reload_cells = m.cells * static_cast<double>(tiles) / static_cast<double>(m.tiles);
    pass.reload_bytes = pass.reload_cells * bytes_per_cell;
    pass.reload_cycles = reload_cycles(config, tiles, m.tile_rows);
    pass.rounds = m.vectors;
    pass.round_cycles = round_cycles(config, lp, tiles, in_b, out_b);
    lp.passes.push_back(pass);
  }
}

// Spare cells hold duplicates of the layers that take the most rounds.
void duplicate(const CimConfig& config, std::vector<LayerPlan*>& array_layers, double spare_cells) {
  for (;;) {
    LayerPlan* best = nullptr;
    int64_t best_rounds = 1;
    for (LayerPlan* lp : array_layers) {
      const ArrayMapping& m = lp->array;
      const int64_t rounds = ceil_div(m.vectors, m.copies);
      if (rounds <= best_rounds || m.cells > spare_cells) continue;
      if ((m.copies + 1) * m.tiles > config.macros) continue;
      best = lp;
      best_rounds = rounds;
    }
    if (best == nullptr) return;
    ++best->array.copies;
    spare_cells -= best->array.cells;
  }
}

}  // namespace

const char* unit_name(Unit unit) {
  switch (unit) {
    case Unit::array:
      return "array";
    case Unit::cpu:
      return "cpu";
    case Unit::vector:
      return "vector";
    case Unit::none:
      return "none";
  }
  return "none";
}

Plan map_trace(const CimConfig& config, const trace::Trace& trace) {
  const MacroGeometry& g = config.macro;
  Plan plan;
  plan.macros = config.macros;
  plan.weight_store_bytes = weight_store_bytes(config);
  plan.peak_macs_per_s = peak_macs_per_s(config);
  const double macro_cells = static_cast<double>(g.rows) * g.columns;
  const double store_cells = macro_cells * config.macros;
  const double bytes_per_cell = g.weight_bits / 8.0 / weight_slices(g);
  const int in_b = (g.input_bits + 7) / 8;
  const int out_b = in_b;  // outputs are requantised to the activation width

  std::vector<LayerPlan*> array_layers;
  plan.layers.reserve(trace.layers.size());
  double cells_needed = 0;
  int64_t max_tiles = 0;
  for (const Layer& layer : trace.layers) {
    LayerPlan lp;
    lp.name = layer.name;
    lp.op = trace::op_name(layer.op);
    lp.unit = unit_of(layer.op);
    const trace::LayerCounts counts = trace::count_layer(layer);
    lp.macs = counts.macs;
    if (lp.unit == Unit::array && layer.weights.empty()) lp.unit = Unit::cpu;
    if (lp.unit == Unit::array) {
      const std::string why = float_operands(layer);
      if (!why.empty()) {
        lp.unit = Unit::cpu;
        plan.cpu_fallback.push_back({layer.name, why});
      }
    }
    if (lp.unit == Unit::array) {
      check_widths(config, layer);
      lp.array = tile_layer(config, layer);
      lp.mvm_cycles = mvm_cycles(g);
      count_actions(config, lp, in_b, out_b);
      cells_needed += lp.array.cells;
      max_tiles = std::max(max_tiles, lp.array.tiles);
    } else if (lp.unit == Unit::vector) {
      lp.vector_ops = counts.vector_ops;
      lp.compute_cycles = ceil_div(counts.vector_ops, config.vector_ops_per_cycle);
      lp.buffer_bytes = static_cast<double>(counts.input_bytes + counts.output_bytes);
    } else if (lp.unit == Unit::cpu) {
      lp.vector_ops = counts.vector_ops + 2 * counts.macs;
      lp.cpu_s =
          static_cast<double>(lp.vector_ops) / (config.cpu_ops_per_cycle * config.cpu_clock.si);
      lp.buffer_bytes = static_cast<double>(counts.input_bytes + counts.output_bytes);
    }
    if (lp.unit != Unit::none &&
        static_cast<double>(counts.input_bytes + counts.output_bytes) > config.buffer_capacity.si) {
      if (!config.memory) {
        layer_error(layer, "its activations (" +
                               std::to_string(counts.input_bytes + counts.output_bytes) +
                               " B) exceed the activation buffer and cim.memory is not set");
      }
      lp.spill_read_bytes = static_cast<double>(counts.input_bytes);
      lp.spill_write_bytes = static_cast<double>(counts.output_bytes);
    }
    plan.layers.push_back(std::move(lp));
  }
  for (LayerPlan& lp : plan.layers) {
    if (lp.unit == Unit::array) array_layers.push_back(&lp);
  }
  plan.weight_bytes = cells_needed * bytes_per_cell;

  const bool fits = cells_needed <= store_cells;
  if (fits) {
    plan.policy = "resident";
    duplicate(config, array_layers, store_cells - cells_needed);
  } else {
    if (!config.memory) {
      throw core::InputError("the network's array weights (" + std::to_string(plan.weight_bytes) +
                             " B) exceed the weight store (" +
                             std::to_string(plan.weight_store_bytes) +
                             " B) and cim.memory is not set: give an external memory to hold "
                             "the weights that are written into the arrays every inference");
    }
    plan.policy = reload_policy_name(config.reload.policy);
    plan.swap_macros = std::min(max_tiles, (config.macros + 1) / 2);
    double resident_cells = macro_cells * static_cast<double>(config.macros - plan.swap_macros);
    for (LayerPlan* lp : array_layers) {
      lp->array.resident = lp->array.cells <= resident_cells;
      if (lp->array.resident) resident_cells -= lp->array.cells;
    }
  }

  double placed_cells = 0;
  int64_t widest = 0;
  for (LayerPlan* lp : array_layers) {
    plan_passes(config, *lp, plan.swap_macros, in_b, out_b);
    for (const PassPlan& pass : lp->passes) {
      plan.reload_bytes += pass.reload_bytes;
      plan.reload_cells += pass.reload_cells;
    }
    if (lp->array.resident) {
      placed_cells += lp->array.cells * static_cast<double>(lp->array.copies);
      widest = std::max(widest, lp->array.tiles * lp->array.copies);
    }
  }
  if (cells_needed > 0) {
    const double resident_needed = [&] {
      double cells = 0;
      for (const LayerPlan* lp : array_layers) cells += lp->array.resident ? lp->array.cells : 0;
      return cells;
    }();
    plan.duplication_factor = resident_needed > 0 ? placed_cells / resident_needed : 1.0;
  }
  const auto by_area = static_cast<int64_t>(std::ceil(placed_cells / macro_cells));
  plan.macros_used = std::min(config.macros, std::max(by_area, widest) + plan.swap_macros);
  return plan;
}

}  // namespace axsim::cim
