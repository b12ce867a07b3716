#include "hw/cim/cim_rtl.h"

#include <memory>
#include <stdexcept>

#include "Vcim_macro_clip_32x12.h"
#include "Vcim_macro_dac2_64x8.h"
#include "Vcim_macro_exact_16x32.h"
#include "Vcim_macro_serial_32x64.h"
#include "verilated.h"

namespace axsim::hw {
namespace {

// A budget far beyond any verilated geometry's MVM: no done by then means the RTL is stuck.
constexpr int64_t kCycleLimit = int64_t{1} << 20;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("cim_macro RTL: " + what);
}

// The -G values of hw/cim/CMakeLists.txt; weights and inputs are 8-bit in all of them.
cim::MacroGeometry geometry(int64_t rows, int64_t columns, int bits_per_cell, int dac_bits,
                            int adc_bits, int64_t columns_per_adc, int adc_range_bits,
                            int conversion_cycles) {
  cim::MacroGeometry g;
  g.rows = rows;
  g.columns = columns;
  g.bits_per_cell = bits_per_cell;
  g.weight_bits = 8;
  g.input_bits = 8;
  g.dac_bits = dac_bits;
  g.adc_bits = adc_bits;
  g.columns_per_adc = columns_per_adc;
  g.adc_range_bits = adc_range_bits;
  g.conversion_cycles = conversion_cycles;
  return g;
}

bool fits(int64_t value, int bits) {
  return value >= -(int64_t{1} << (bits - 1)) && value < (int64_t{1} << (bits - 1));
}

// Two's complement of `value` in the low `bits` bits, as a port holds a signed field.
uint32_t field(int32_t value, int bits) {
  return static_cast<uint32_t>(value) & ((uint32_t{1} << bits) - 1);
}

template <class Model>
class CimMacroRtl {
 public:
  explicit CimMacroRtl(const cim::MacroGeometry& g)
      : g_(g),
        context_(std::make_unique<VerilatedContext>()),
        model_(std::make_unique<Model>(context_.get(), "cim_macro")) {
    model_->clk = 0;
    model_->w_clear = 0;
    model_->w_valid = 0;
    model_->start = 0;
    model_->rst_n = 1;
    model_->eval();
    model_->rst_n = 0;
    model_->eval();
    model_->rst_n = 1;
    model_->eval();
  }
  ~CimMacroRtl() { model_->final(); }
  CimMacroRtl(const CimMacroRtl&) = delete;
  CimMacroRtl& operator=(const CimMacroRtl&) = delete;

  void program(const cim::MacroWeights& weights, bool clear) {
    if (clear) {
      model_->w_clear = 1;
      tick();
      model_->w_clear = 0;
    }
    model_->w_valid = 1;
    for (int64_t k = 0; k < weights.k; ++k) {
      for (int64_t n = 0; n < weights.n; ++n) {
        model_->w_row = static_cast<uint32_t>(k);
        model_->w_col = static_cast<uint32_t>(n);
        model_->w_data =
            field(weights.values[static_cast<size_t>(k * weights.n + n)], g_.weight_bits);
        tick();
      }
    }
    model_->w_valid = 0;
  }

  CimRtlResult mvm(const std::vector<int32_t>& x, int64_t n) {
    const auto k_rows = static_cast<int64_t>(x.size());
    for (int64_t k = 0; k < g_.rows; ++k) {
      model_->x_vec[k] = k < k_rows ? field(x[static_cast<size_t>(k)], g_.input_bits) : 0;
    }
    model_->k_rows = static_cast<uint32_t>(k_rows);
    model_->start = 1;
    tick();
    model_->start = 0;
    CimRtlResult result;
    result.cycles = 1;
    while (!model_->done) {
      if (result.cycles >= kCycleLimit) {
        throw std::runtime_error("cim_macro RTL: no done within " + std::to_string(kCycleLimit) +
                                 " cycles of start");
      }
      tick();
      ++result.cycles;
    }
    for (int64_t i = 0; i < n; ++i) {
      result.outputs.push_back(static_cast<int64_t>(model_->y_vec[i]));
    }
    return result;
  }

 private:
  void tick() {
    model_->clk = 0;
    model_->eval();
    model_->clk = 1;
    model_->eval();
  }

  cim::MacroGeometry g_;
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
};

template <class Model>
std::vector<CimRtlResult> run_on(const cim::MacroGeometry& g, const std::vector<CimRtlMvm>& mvms) {
  CimMacroRtl<Model> macro(g);
  std::vector<CimRtlResult> results;
  const cim::MacroWeights* programmed = nullptr;
  for (const CimRtlMvm& mvm : mvms) {
    const cim::MacroWeights& w = mvm.weights;
    const bool same_shape = programmed != nullptr && programmed->k == w.k && programmed->n == w.n;
    if (!same_shape || programmed->values != w.values) macro.program(w, !same_shape);
    programmed = &w;
    results.push_back(macro.mvm(mvm.x, w.n));
  }
  return results;
}

void check_mvm(const std::string& config_name, const cim::MacroGeometry& g,
               const cim::MacroWeights& weights, const std::vector<int32_t>& x) {
  require(weights.k >= 1 && weights.k <= g.rows && weights.n >= 1 &&
              weights.n <= cim::logical_columns(g),
          "a " + std::to_string(weights.k) + " x " + std::to_string(weights.n) +
              " tile does not fit " + config_name);
  require(static_cast<int64_t>(x.size()) == weights.k,
          "x has " + std::to_string(x.size()) + " values for k = " + std::to_string(weights.k));
  require(static_cast<int64_t>(weights.values.size()) == weights.k * weights.n,
          "weights hold " + std::to_string(weights.values.size()) + " values, not k x n");
  for (int32_t w : weights.values) {
    require(fits(w, g.weight_bits), "weight " + std::to_string(w) + " is not " +
                                        std::to_string(g.weight_bits) + "-bit signed");
  }
  for (int32_t v : x) {
    require(fits(v, g.input_bits), "input " + std::to_string(v) + " is not " +
                                       std::to_string(g.input_bits) + "-bit signed");
  }
}

}  // namespace

const std::vector<CimRtlConfig>& cim_rtl_configs() {
  static const std::vector<CimRtlConfig> configs = {
      {"cim_exact_16x32", geometry(16, 32, 2, 1, 6, 4, 0, 1)},
      {"cim_serial_32x64", geometry(32, 64, 1, 1, 4, 8, 0, 1)},
      {"cim_dac2_64x8", geometry(64, 8, 8, 2, 8, 1, 0, 2)},
      {"cim_clip_32x12", geometry(32, 12, 3, 3, 3, 2, 5, 3)},
  };
  return configs;
}

CimRtlResult run_mvm_on_rtl(const std::string& config_name, const cim::MacroWeights& weights,
                            const std::vector<int32_t>& x) {
  return run_mvms_on_rtl(config_name, {{weights, x}}).front();
}

std::vector<CimRtlResult> run_mvms_on_rtl(const std::string& config_name,
                                          const std::vector<CimRtlMvm>& mvms) {
  const CimRtlConfig* config = nullptr;
  for (const CimRtlConfig& c : cim_rtl_configs()) {
    if (c.name == config_name) config = &c;
  }
  require(config != nullptr, "no verilated configuration \"" + config_name + "\"");
  const cim::MacroGeometry& g = config->geometry;
  for (const CimRtlMvm& mvm : mvms) check_mvm(config_name, g, mvm.weights, mvm.x);
  if (config_name == "cim_exact_16x32") return run_on<Vcim_macro_exact_16x32>(g, mvms);
  if (config_name == "cim_serial_32x64") return run_on<Vcim_macro_serial_32x64>(g, mvms);
  if (config_name == "cim_dac2_64x8") return run_on<Vcim_macro_dac2_64x8>(g, mvms);
  return run_on<Vcim_macro_clip_32x12>(g, mvms);
}

}  // namespace axsim::hw
