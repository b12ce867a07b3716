// The CIM NPU without a simulation kernel: peak throughput from the macro geometry, mapping and
// residency (the memory wall appears when the network outgrows the arrays and vanishes when it
// fits), numerics of the macro against the exact product, the ADC-bits trade-off, power states
// and config errors that name their key.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/cim/accuracy.h"
#include "models/cim/energy_model.h"
#include "models/cim/mapper.h"
#include "models/cim/power.h"
#include "models/core/error.h"
#include "tests/cim/fixtures.h"

using namespace axsim;

namespace {

double total_reload_cycles(const cim::Plan& plan) {
  double cycles = 0;
  for (const cim::LayerPlan& lp : plan.layers) {
    for (const cim::PassPlan& pass : lp.passes) cycles += static_cast<double>(pass.reload_cycles);
  }
  return cycles;
}

double array_cycles(const cim::Plan& plan) {
  double cycles = 0;
  for (const cim::LayerPlan& lp : plan.layers) {
    for (const cim::PassPlan& pass : lp.passes) {
      cycles += static_cast<double>(pass.rounds * pass.round_cycles);
    }
  }
  return cycles;
}

std::string error_of(const std::string& text) {
  try {
    test::parse_cim_text(text);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("cim: WTM2101 peak is 50 GOPS within 5% from macros, rows, columns, mvm_cycles, clock") {
  const cim::CimConfig c = test::cim_preset("wtm2101");
  const double peak_ops = 2.0 * cim::peak_macs_per_s(c);
  const double from_parts = 2.0 * static_cast<double>(c.macros) * c.macro.rows *
                            cim::logical_columns(c.macro) /
                            static_cast<double>(cim::mvm_cycles(c.macro)) * c.clock.si;
  CHECK(peak_ops == Approx(from_parts));
  CHECK(peak_ops == Approx(50e9).epsilon(0.05));
  // The geometry also gives the 1.8 MB weight store.
  CHECK(cim::weight_store_bytes(c) == Approx(1.8e6).epsilon(0.05));
  // Halving the clock halves the peak: nothing is a literal.
  const cim::CimConfig slow = test::cim_preset("wtm2101", {"cim.clock=12 MHz"});
  CHECK(2.0 * cim::peak_macs_per_s(slow) == Approx(peak_ops / 2));
}

TEST_CASE(
    "cim: DS-CNN fits the WTM2101 arrays, spare macros hold duplicates, nothing is reprogrammed") {
  const cim::CimConfig c = test::cim_preset("wtm2101");
  const cim::Plan plan = cim::map_trace(c, test::zoo_trace("ds-cnn"));
  CHECK(plan.policy == "resident");
  CHECK(plan.reload_bytes == 0);
  CHECK(plan.duplication_factor > 1);
  CHECK(total_reload_cycles(plan) == 0);
  int array_layers = 0;
  for (const cim::LayerPlan& lp : plan.layers) {
    if (lp.unit != cim::Unit::array) continue;
    ++array_layers;
    CHECK(lp.array.copies >= 1);
    CHECK(lp.array.tiles * lp.array.copies <= c.macros);
  }
  CHECK(array_layers == 10);  // conv1, 4 x (dw, pw), fc
  // Depthwise groups are packed block-diagonally rather than one macro each.
  const auto dw = std::find_if(plan.layers.begin(), plan.layers.end(),
                               [](const cim::LayerPlan& lp) { return lp.name == "ds1.dw"; });
  REQUIRE(dw != plan.layers.end());
  CHECK(dw->array.groups_per_tile == c.depthwise_groups_per_tile);
  CHECK(dw->array.tiles == 64 / c.depthwise_groups_per_tile);
}

TEST_CASE(
    "cim: a network larger than the arrays is reprogrammed every inference, and not when it fits") {
  const trace::Trace net = test::zoo_trace("mobilenet-v2");
  const cim::CimConfig small = test::cim_preset("wtm2101");
  const cim::Plan over = cim::map_trace(small, net);
  CHECK(over.weight_bytes > over.weight_store_bytes);
  CHECK(over.policy == "reprogram");
  CHECK(over.reload_bytes > 0);
  CHECK(over.swap_macros > 0);
  // What does not stay resident is written again every inference.
  double swapped_bytes = 0;
  for (const cim::LayerPlan& lp : over.layers) {
    if (lp.unit == cim::Unit::array && !lp.array.resident) {
      swapped_bytes += lp.array.cells;  // 8-bit cells: one byte each
    }
  }
  CHECK(over.reload_bytes == Approx(swapped_bytes));
  CHECK(total_reload_cycles(over) > 0);

  const cim::CimConfig big = test::cim_preset("wtm2101", {"cim.macros=32"});
  const cim::Plan fits = cim::map_trace(big, net);
  CHECK(fits.policy == "resident");
  CHECK(fits.reload_bytes == 0);
  CHECK(total_reload_cycles(fits) == 0);
  // SRAM-CIM streams instead of reprogramming.
  const cim::Plan streamed =
      cim::map_trace(test::cim_preset("sram-cim-22nm"), test::zoo_trace("resnet18"));
  CHECK(streamed.policy == "stream");
  CHECK(streamed.reload_bytes > 0);
}

TEST_CASE("cim: macro output equals the exact product when the ADC shift is 0") {
  cim::CimConfig c = test::cim_preset("sram-cim-22nm");
  REQUIRE(cim::adc_shift(c.macro) == 0);
  const cim::Plan plan = cim::map_trace(c, test::zoo_trace("ds-cnn"));
  const std::vector<cim::LayerAccuracy> acc =
      cim::measure_accuracy(c, plan, test::zoo_trace("ds-cnn"));
  REQUIRE(acc.size() == 10);
  for (const cim::LayerAccuracy& a : acc) {
    INFO(a.layer);
    CHECK(a.max_abs_error == 0);
    CHECK(std::isinf(a.sqnr_db));
    CHECK(a.samples > 0);
  }
  // The analog array with an 8-bit ADC over 1024 rows does not.
  const cim::CimConfig nor = test::cim_preset("wtm2101");
  const trace::Trace net = test::zoo_trace("ds-cnn");
  const std::vector<cim::LayerAccuracy> lossy =
      cim::measure_accuracy(nor, cim::map_trace(nor, net), net);
  CHECK(lossy.front().max_abs_error > 0);
  CHECK(std::isfinite(lossy.front().sqnr_db));
}

TEST_CASE("cim: more ADC bits buy SQNR with energy and latency") {
  const trace::Trace net = test::zoo_trace("ds-cnn");
  const core::TechTable tech = test::cim_tech("wtm2101");
  double last_sqnr = -1e9, last_energy = 0, last_cycles = 0;
  for (int bits : {4, 6, 8, 10}) {
    INFO("adc_bits " << bits);
    const cim::CimConfig c = test::cim_preset(
        "wtm2101", {"cim.macro.adc_bits=" + std::to_string(bits), "cim.adc.range_per_layer=false"});
    const cim::Plan plan = cim::map_trace(c, net);
    const std::vector<cim::LayerAccuracy> acc = cim::measure_accuracy(c, plan, net);
    double sqnr = 0;
    for (const cim::LayerAccuracy& a : acc) sqnr += a.sqnr_db / static_cast<double>(acc.size());
    const double energy = cim::macro_efficiency(c, tech).energy_per_mvm_j;
    const double cycles = array_cycles(plan);
    CHECK(sqnr > last_sqnr + 3);
    CHECK(energy > last_energy);
    CHECK(cycles > last_cycles);
    last_sqnr = sqnr;
    last_energy = energy;
    last_cycles = cycles;
  }
}

TEST_CASE("cim: macro TOPS/W of the presets near the silicon figures") {
  // 40 nm NOR-flash CIM macro, ISCAS 2021: 35.6 TOPS/W.
  const double nor =
      cim::macro_efficiency(test::cim_preset("wtm2101"), test::cim_tech("wtm2101")).tops_per_w;
  CHECK(nor == Approx(35.6).epsilon(0.15));
  // 22 nm digital SRAM-CIM, ISSCC 2021: 89 TOPS/W at 4-bit inputs and weights.
  const cim::CimConfig four_bit =
      test::cim_preset("sram-cim-22nm", {"cim.macro.weight_bits=4", "cim.macro.input_bits=4"});
  const double sram = cim::macro_efficiency(four_bit, test::cim_tech("sram-cim-22nm")).tops_per_w;
  CHECK(sram == Approx(89).epsilon(0.15));
}

TEST_CASE("cim: average current comes from the power-state timeline of one frame") {
  cim::PowerConfig p;
  p.supply_v = 1.8;
  p.frame_rate_hz = 10;
  p.sleep_current_a = 5e-6;
  p.idle_current_a = 40e-6;
  p.wakeup_time = core::seconds(1e-3);
  p.wakeup_energy = core::Energy(1.8e-6);  // 1 mA for 1 ms at 1.8 V
  const cim::PowerReport r = cim::power_report(p, 0.01, 1.8 * 2e-3 * 0.01);  // 2 mA for 10 ms
  REQUIRE(r.timeline.size() == 3);
  CHECK(r.timeline[0].state == "wakeup");
  CHECK(r.timeline[1].state == "active");
  CHECK(r.timeline[2].state == "sleep");
  CHECK(r.timeline[2].start_s == Approx(0.011));
  CHECK(r.timeline[2].duration_s == Approx(0.089));
  CHECK(r.duty_cycle == Approx(0.11));
  CHECK(r.meets_frame_rate);
  const double expected = (1e-3 * 1e-3 + 2e-3 * 0.01 + 5e-6 * 0.089) / 0.1;
  CHECK(r.average_current_a == Approx(expected));
  CHECK(r.average_power_w == Approx(expected * 1.8));

  p.frame_rate_hz = 200;  // a 5 ms frame cannot hold an 11 ms wake-up + inference
  const cim::PowerReport late = cim::power_report(p, 0.01, 1.8 * 2e-3 * 0.01);
  CHECK_FALSE(late.meets_frame_rate);
  CHECK(late.duty_cycle > 1);
}

TEST_CASE("cim: config errors name the key") {
  CHECK_THAT(error_of(test::wtm2101_text_with("adc_bits: 8 ", "adc_bits: 0 ")),
             Catch::Contains("cim.macro.adc_bits") && Catch::Contains("at least 1"));
  CHECK_THAT(error_of(test::wtm2101_text_with("columns_per_adc: 28", "columns_per_adc: 30")),
             Catch::Contains("cim.macro.columns") && Catch::Contains("columns_per_adc"));
  // 8-bit weights at 3 bits per cell need 3 cells: 224 columns are not a multiple of 3.
  CHECK_THAT(error_of(test::wtm2101_text_with("bits_per_cell: 8", "bits_per_cell: 3")),
             Catch::Contains("cim.macro.columns") && Catch::Contains("3 cells"));
  CHECK_THAT(error_of(test::wtm2101_text_with("adc_cycles_per_bit: 1",
                                              "conversion_cycles: 8\n    adc_cycles_per_bit: 1")),
             Catch::Contains("exactly one of conversion_cycles"));
  CHECK_THAT(error_of(test::wtm2101_text_with("supply: 1.8 V", "supply: 1.8 volts")),
             Catch::Contains("cim.power.supply"));
  CHECK_THAT(error_of(test::wtm2101_text_with("macros: 8", "macros: 8\n  macroz: 1")),
             Catch::Contains("macroz"));
}

TEST_CASE("cim: a layer the arrays cannot hold is an error naming the layer") {
  // int8 weights on a 4-bit macro.
  const cim::CimConfig c = test::cim_preset("sram-cim-22nm", {"cim.macro.weight_bits=4"});
  try {
    cim::map_trace(c, test::zoo_trace("ds-cnn"));
    FAIL("expected an error");
  } catch (const core::InputError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("layer 'conv1'") && Catch::Contains("weight_bits"));
  }
}

TEST_CASE("cim: a layer the quantizer kept in float runs on the CPU and is listed") {
  const cim::CimConfig c = test::cim_preset("wtm2101", {});
  trace::Trace t = test::zoo_trace("ds-cnn");
  // As an int8 import leaves a layer that needs more range: the classifier stays fp16.
  const auto last_linear = std::find_if(t.layers.rbegin(), t.layers.rend(), [](const auto& l) {
    return l.op == trace::Op::linear;
  });
  REQUIRE(last_linear != t.layers.rend());
  trace::Layer& fc = *last_linear;
  fc.weights.at(0).tensor.dtype = trace::DType::fp16;
  fc.weights.at(0).tensor.bits = 16;
  const cim::Plan plan = cim::map_trace(c, t);
  REQUIRE(plan.cpu_fallback.size() == 1);
  CHECK(plan.cpu_fallback[0].layer == fc.name);
  CHECK_THAT(plan.cpu_fallback[0].reason, Catch::Contains("fp16 weights"));
  for (const cim::LayerPlan& lp : plan.layers) {
    if (lp.name == fc.name) {
      CHECK(lp.unit == cim::Unit::cpu);
      CHECK(lp.cpu_s > 0);
    }
  }
}
