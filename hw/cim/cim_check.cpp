#include "hw/cim/cim_check.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <random>

namespace axsim::hw {
namespace {

// Operand draws from the raw engine output (fully specified by the standard, unlike the
// distributions), so a seed gives the same cases with every standard library.
class Operands {
 public:
  explicit Operands(uint64_t seed) : engine_(seed) {}
  int32_t uniform(int32_t lo, int32_t hi) {  // lo..hi inclusive
    return lo + static_cast<int32_t>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool coin() { return (engine_() & 1) != 0; }

 private:
  std::mt19937_64 engine_;
};

CimCheckCase make_case(const CimRtlConfig& config, const std::string& stimulus, int64_t k,
                       int64_t n, const std::function<int32_t()>& weight,
                       const std::function<int32_t()>& input) {
  CimCheckCase c{config, stimulus, {k, n, {}}, {}};
  c.weights.values.resize(static_cast<size_t>(k * n));
  for (int32_t& w : c.weights.values) w = weight();
  c.x.resize(static_cast<size_t>(k));
  for (int32_t& v : c.x) v = input();
  return c;
}

}  // namespace

std::vector<CimCheckCase> cim_check_cases(uint64_t seed) {
  Operands draw(seed);
  std::vector<CimCheckCase> cases;
  for (const CimRtlConfig& config : cim_rtl_configs()) {
    const cim::MacroGeometry& g = config.geometry;
    const int32_t lo = -(int32_t{1} << (g.weight_bits - 1));
    const int32_t hi = (int32_t{1} << (g.weight_bits - 1)) - 1;
    const int32_t xlo = -(int32_t{1} << (g.input_bits - 1));
    const int32_t xhi = (int32_t{1} << (g.input_bits - 1)) - 1;
    const int64_t rows = g.rows;
    const int64_t cols = cim::logical_columns(g);
    const auto random_w = [&] { return draw.uniform(lo, hi); };
    const auto random_x = [&] { return draw.uniform(xlo, xhi); };
    cases.push_back(make_case(config, "random", rows, cols, random_w, random_x));
    cases.push_back(
        make_case(config, "random partial", rows / 2 + 1, cols / 2 + 1, random_w, random_x));
    cases.push_back(make_case(config, "random 3x1", 3, 1, random_w, random_x));
    cases.push_back(make_case(
        config, "all min", rows, cols, [&] { return lo; }, [&] { return xlo; }));
    cases.push_back(make_case(
        config, "all max", rows, cols, [&] { return hi; }, [&] { return xhi; }));
    cases.push_back(make_case(
        config, "random signs, full scale", rows, cols, [&] { return draw.coin() ? hi : lo; },
        [&] { return draw.coin() ? xhi : xlo; }));
    cases.push_back(make_case(
        config, "random non-negative", rows, cols, [&] { return draw.uniform(0, hi); },
        [&] { return draw.uniform(0, xhi); }));
  }
  return cases;
}

CimCheckRow run_cim_check(const CimCheckCase& check, const cim::MacroGeometry& model_geometry) {
  const CimRtlResult rtl = run_mvm_on_rtl(check.config.name, check.weights, check.x);
  const std::vector<int64_t> model = cim::mvm_macro(model_geometry, check.weights, check.x);
  const std::vector<int64_t> exact = cim::mvm_exact(check.weights, check.x);
  CimCheckRow row;
  row.kernel = check.config.name;
  row.stimulus = check.stimulus;
  row.k = check.weights.k;
  row.n = check.weights.n;
  row.adc_bits = model_geometry.adc_bits;
  row.bits_per_cell = model_geometry.bits_per_cell;
  row.dac_bits = model_geometry.dac_bits;
  row.columns_per_adc = model_geometry.columns_per_adc;
  row.shift = cim::adc_shift(model_geometry);
  row.rtl_cycles = rtl.cycles;
  row.model_cycles = cim::mvm_cycles(model_geometry);
  row.outputs_match = rtl.outputs == model;
  for (size_t n = 0; n < exact.size() && n < rtl.outputs.size(); ++n) {
    row.max_abs_error_vs_exact =
        std::max(row.max_abs_error_vs_exact, std::abs(rtl.outputs[n] - exact[n]));
  }
  return row;
}

CimCheckRow run_cim_check(const CimCheckCase& check) {
  return run_cim_check(check, check.config.geometry);
}

std::vector<CimCheckRow> run_cim_checks(uint64_t seed) {
  std::vector<CimCheckRow> rows;
  for (const CimCheckCase& check : cim_check_cases(seed)) rows.push_back(run_cim_check(check));
  return rows;
}

}  // namespace axsim::hw
