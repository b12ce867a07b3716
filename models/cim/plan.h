// The CIM mapper's output: for every layer, which unit runs it; for array layers how the
// weight matrix is tiled onto macros, how many copies run side by side, whether the weights
// stay resident or are written into the swap macros every inference; and the counts of every
// action the energy ledger charges. The SystemC model (cim_core.h) replays the timing parts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace axsim::cim {

enum class Unit { array, cpu, vector, none };
const char* unit_name(Unit unit);

struct ArrayMapping {
  int64_t vectors = 0;          // input vectors (output pixels x batch, or rows of a linear)
  int64_t k = 0, n = 0;         // one group's GEMM: K rows x N outputs
  int64_t groups = 1;           // conv groups (depthwise: Cin)
  int64_t groups_per_tile = 1;  // > 1: small groups packed block-diagonally on one macro
  int64_t k_tiles = 1, n_tiles = 1;
  int64_t tiles = 0;         // macro tiles of one copy
  int64_t tile_rows = 0;     // rows driven by the largest tile (K of its MVM)
  int64_t tile_columns = 0;  // logical columns of the largest tile
  double cells = 0;          // cells one copy occupies (tile bounding boxes x slices)
  int64_t copies = 1;        // duplicates, each on its own macros, on different vectors
  bool resident = true;      // false: written into the swap macros every inference
  int64_t passes = 1;        // swapped: tile groups written and run one after another
  int64_t waves = 1;         // per vector: tile groups run one after another (tiles > macros)
};

struct PassPlan {
  double reload_bytes = 0;    // weights fetched from external memory before the pass
  double reload_cells = 0;    // cells written
  int64_t reload_cycles = 0;  // writing them (NVM program or SRAM write), NPU cycles
  int64_t rounds = 0;         // MVM rounds: every active macro does one MVM per round
  int64_t round_cycles = 0;   // max(mvm_cycles, bus cycles of one round)
};

struct LayerPlan {
  std::string name;
  std::string op;
  Unit unit = Unit::none;
  int64_t macs = 0;
  int64_t vector_ops = 0;  // vector-unit or CPU operations
  ArrayMapping array;
  std::vector<PassPlan> passes;  // array layers: one per pass
  int64_t mvm_cycles = 0;        // array layers: cycles of one MVM (macro.h)
  int64_t compute_cycles = 0;    // vector layers: busy cycles of the unit
  double cpu_s = 0;              // CPU layers
  double spill_read_bytes = 0;   // activations read back from external memory
  double spill_write_bytes = 0;  // activations that do not fit the buffer, written out
  // Action counts for the energy ledger.
  double macro_mvms = 0;       // MVMs summed over macros
  double cell_ops = 0;         // cell x input-step activations
  double dac_ops = 0;          // row drives x input steps
  double conversions = 0;      // ADC conversions
  double shift_adds = 0;       // shift-and-add + digital accumulation operations
  double buffer_bytes = 0;     // activation buffer reads + writes
  double adc_busy_cycles = 0;  // macro-cycles the ADCs spent converting
};

// A MAC layer the arrays could take by its operator but not by its data: float weights or
// activations (a layer the quantizer kept in higher precision) run on the CPU in digital mode.
struct CpuFallback {
  std::string layer;
  std::string reason;
};

struct Plan {
  std::vector<LayerPlan> layers;
  std::vector<CpuFallback> cpu_fallback;
  std::string policy;       // "resident" | "reprogram" | "stream"
  double weight_bytes = 0;  // the array layers' weights at the macro's weight width
  double weight_store_bytes = 0;
  int64_t macros = 0;
  int64_t macros_used = 0;
  int64_t swap_macros = 0;  // macros reserved for weights written every inference
  double duplication_factor = 1;
  double reload_bytes = 0;  // per inference
  double reload_cells = 0;
  double peak_macs_per_s = 0;
};

}  // namespace axsim::cim
