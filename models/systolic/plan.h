// The mapper's output: for every layer, which unit runs it, how it is cut into tiles, and what
// each tile moves over the DRAM link. The SystemC model replays exactly this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace axsim::systolic {

enum class Unit { array, vector, none };
const char* unit_name(Unit unit);

struct TilePlan {
  double load_bytes = 0;      // DRAM -> SRAM before the tile can start (weights, spilled inputs)
  double store_bytes = 0;     // SRAM -> DRAM after the tile (spilled outputs, KV-cache writes)
  int64_t compute_cycles = 0; // busy cycles of the layer's unit
};

struct LayerPlan {
  std::string name;
  std::string op;
  Unit unit = Unit::none;
  std::string mac_action;         // energy action per MAC, e.g. "mac_int8"
  int operand_bits = 8;
  int64_t macs = 0;
  int64_t vector_ops = 0;
  int64_t folds = 0;              // array-sized tiles of the lowered GEMMs
  double peak_macs_per_cycle = 0; // of the unit at this layer's precision (array layers)
  bool input_from_dram = false;   // activations come over the DRAM link (spilled or graph input)
  bool output_to_dram = false;    // output does not stay on chip
  double weight_dram_bytes = 0;
  double activation_dram_bytes = 0;  // loads + stores of activations and KV cache
  double sram_read_bytes = 0;
  double sram_write_bytes = 0;
  std::vector<TilePlan> tiles;    // empty only for shape-only layers
};

struct Plan {
  std::vector<LayerPlan> layers;
  double resident_weight_bytes = 0;  // preloaded when weights_resident
};

}  // namespace axsim::systolic
