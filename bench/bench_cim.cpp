// The CIM presets against their published figures, and how fast they simulate: WTM2101 peak
// GOPS from its macro geometry vs 50 GOPS; each macro preset's TOPS/W vs its silicon figure;
// DS-CNN on the WTM2101 (latency, energy per inference, average current at the preset's frame
// rate vs the 50 µA standard mode); MobileNetV2 and ResNet-18 on the WTM2101, where
// reprogramming is its own share of latency and energy; ResNet-18 streamed on the SRAM-CIM
// preset; an ADC-bits sweep. Prints numbers; asserts nothing. Every simulation runs in a forked
// child (SystemC elaborates once per process) that sends its figures back through a pipe.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <systemc>
#include <vector>

#include "bench/child_process.h"
#include "models/cim/cim_config.h"
#include "models/cim/energy_model.h"
#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "workloads/zoo/zoo.h"

using namespace axsim;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kSource = AXSIM_SOURCE_DIR;

struct Point {
  double latency_s = 0;
  double energy_j = 0;
  double memory_s = 0;
  double reprogram_s = 0;
  double reprogram_j = 0;
  double average_current_a = 0;
  double frame_rate_hz = 0;
  double mean_sqnr_db = 0;
  double host_s = 0;  // build + simulate + collect
};

std::string preset_path(const std::string& preset) {
  return kSource + "/configs/cim/" + preset + ".yaml";
}

Point simulate_here(const std::string& preset, const std::vector<std::string>& overrides,
                    const trace::Trace& trace) {
  const core::ConfigNode root = core::load_config(preset_path(preset), overrides);
  const core::Section top(root);
  const core::TechTable tech = core::load_tech_table(run::resolve_config_path(top.child("tech")));
  const core::Section own = top.section("cim");
  const auto start = Clock::now();
  auto accelerator = run::accelerators().get("cim").factory({own, tech});
  accelerator->build(trace);
  sc_core::sc_start();
  core::RunResult r;
  accelerator->collect(r);
  Point p;
  p.host_s = std::chrono::duration<double>(Clock::now() - start).count();
  p.latency_s = r.summary.latency_s;
  p.energy_j = r.summary.energy_j;
  p.memory_s = r.summary.memory_s;
  p.reprogram_s = r.details["residency"]["reprogram_s"].get<double>();
  p.reprogram_j = r.details["residency"]["reprogram_j"].get<double>();
  p.average_current_a = r.details["power"]["average_current_a"].get<double>();
  p.frame_rate_hz = r.details["power"]["frame_rate_hz"].get<double>();
  double sum = 0;
  int n = 0;
  for (const auto& a : r.details["accuracy"]) {
    if (a["sqnr_db"].is_number()) {
      sum += a["sqnr_db"].get<double>();
      ++n;
    }
  }
  p.mean_sqnr_db = n > 0 ? sum / n : INFINITY;
  return p;
}

Point simulate(const std::string& preset, const std::vector<std::string>& overrides,
               const trace::Trace& trace) {
  return bench::in_child<Point>(trace.name + " on " + preset,
                                [&] { return simulate_here(preset, overrides, trace); });
}

cim::CimConfig config_of(const std::string& preset, const std::vector<std::string>& overrides,
                         core::TechTable* tech) {
  const core::ConfigNode root = core::load_config(preset_path(preset), overrides);
  const core::Section top(root);
  *tech = core::load_tech_table(run::resolve_config_path(top.child("tech")));
  return cim::parse_cim_config(top.section("cim"));
}

double percent(double got, double want) { return 100.0 * (got - want) / want; }

void print_run(const char* what, const Point& p) {
  std::printf(
      "%-34s latency %9.3f ms  energy %9.3f uJ  reprogram %5.1f%% of latency, %5.1f%% of energy  "
      "host %6.1f ms\n",
      what, p.latency_s * 1e3, p.energy_j * 1e6,
      p.latency_s > 0 ? 100 * p.reprogram_s / p.latency_s : 0.0,
      p.energy_j > 0 ? 100 * p.reprogram_j / p.energy_j : 0.0, p.host_s * 1e3);
}

}  // namespace

int sc_main(int, char*[]) {
  core::TechTable nor_tech, sram_tech, sram4_tech;
  const cim::CimConfig wtm = config_of("wtm2101", {}, &nor_tech);
  const double peak = 2 * cim::peak_macs_per_s(wtm);
  std::printf(
      "WTM2101 peak from geometry: %.2f GOPS vs 50 GOPS published (%+.1f%%); weight store %.3f MB "
      "vs 1.8 MB\n",
      peak / 1e9, percent(peak, 50e9), cim::weight_store_bytes(wtm) / 1e6);
  const double nor_tops = cim::macro_efficiency(wtm, nor_tech).tops_per_w;
  std::printf("WTM2101 macro: %.1f TOPS/W vs 35.6 (40 nm NOR CIM, ISCAS 2021) (%+.1f%%)\n",
              nor_tops, percent(nor_tops, 35.6));
  const cim::CimConfig sram4 = config_of(
      "sram-cim-22nm", {"cim.macro.weight_bits=4", "cim.macro.input_bits=4"}, &sram4_tech);
  const double sram_tops = cim::macro_efficiency(sram4, sram4_tech).tops_per_w;
  std::printf("SRAM-CIM 22 nm macro at 4b x 4b: %.1f TOPS/W vs 89 (ISSCC 2021) (%+.1f%%)\n",
              sram_tops, percent(sram_tops, 89));
  const cim::CimConfig sram8 = config_of("sram-cim-22nm", {}, &sram_tech);
  std::printf("SRAM-CIM 22 nm macro at 8b x 8b: %.1f TOPS/W; peak %.1f GOPS\n",
              cim::macro_efficiency(sram8, sram_tech).tops_per_w,
              2 * cim::peak_macs_per_s(sram8) / 1e9);

  const trace::Trace ds_cnn = zoo::make_network("ds-cnn", {});
  const trace::Trace mobilenet = zoo::make_network("mobilenet-v2", {});
  const trace::Trace resnet18 = zoo::make_network("resnet18", {});

  const Point ds = simulate("wtm2101", {}, ds_cnn);
  print_run("DS-CNN on wtm2101", ds);
  std::printf(
      "  DS-CNN: %.2f uJ per inference; average current at %.0f Hz: %.1f uA (published 50 uA "
      "standard mode, %+.0f%%)\n",
      ds.energy_j * 1e6, ds.frame_rate_hz, ds.average_current_a * 1e6,
      percent(ds.average_current_a, 50e-6));
  const Point ds100 = simulate("wtm2101", {"cim.power.frame_rate=50 Hz"}, ds_cnn);
  std::printf("  DS-CNN at 50 Hz: average current %.1f uA\n", ds100.average_current_a * 1e6);
  print_run("MobileNetV2 on wtm2101", simulate("wtm2101", {}, mobilenet));
  print_run("ResNet-18 on wtm2101", simulate("wtm2101", {}, resnet18));
  print_run("ResNet-18 on sram-cim-22nm", simulate("sram-cim-22nm", {}, resnet18));
  print_run("DS-CNN on sram-cim-22nm", simulate("sram-cim-22nm", {}, ds_cnn));

  for (const bool per_layer : {false, true}) {
    std::printf("ADC-bits sweep, DS-CNN on wtm2101 (ADC range %s):\n",
                per_layer ? "set per layer to its rows" : "of the whole 1024-row array");
    for (int bits : {4, 6, 8, 10, 12}) {
      const Point p =
          simulate("wtm2101",
                   {"cim.macro.adc_bits=" + std::to_string(bits),
                    std::string("cim.adc.range_per_layer=") + (per_layer ? "true" : "false")},
                   ds_cnn);
      std::printf("  %2d bits: mean SQNR %6.1f dB  latency %8.3f ms  energy %8.3f uJ\n", bits,
                  p.mean_sqnr_db, p.latency_s * 1e3, p.energy_j * 1e6);
    }
  }
  return 0;
}
