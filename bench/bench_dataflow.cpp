// Fidelity and speed of the dataflow VPU model against the public Hailo figures
// (/work/shared/REFERENCES.md, docs/dataflow.md): ResNet-50 on Hailo-8 and Hailo-15H,
// YOLOv5m6 1280x1280 on Hailo-15H, each with its error; then every vision network of the zoo
// on both presets (FPS at batch 1 and 8, contexts, FPS/W, host time per simulation).
// SystemC elaborates once per process, so every simulation runs in a forked child that sends
// its figures back through a pipe.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <systemc>
#include <vector>

#include "bench/child_process.h"
#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/result.h"
#include "models/run/accelerator.h"
#include "models/run/simulate.h"
#include "workloads/zoo/zoo.h"

namespace {

using namespace axsim;
using Clock = std::chrono::steady_clock;

const std::string kSource = AXSIM_SOURCE_DIR;
constexpr int64_t kBatch = 8;

struct Point {
  double fps_batch1 = 0;
  double fps_batch = 0;
  double contexts = 0;
  double power_w = 0;
  double fps_per_w = 0;
  double switch_s = 0;
  double host_s = 0;  // build + simulate + collect
  char bottleneck[64] = {};
};

Point simulate_here(const std::string& preset, const trace::Trace& trace) {
  const auto start = Clock::now();
  const core::ConfigNode root =
      core::load_config(kSource + "/configs/dataflow/" + preset + ".yaml");
  const core::Section top(root);
  const core::TechTable tech = core::load_tech_table(run::resolve_config_path(top.child("tech")));
  const core::Section own = top.section("dataflow");
  auto accelerator = run::accelerators().get("dataflow").factory({own, tech});
  accelerator->build(trace);
  sc_core::sc_start();
  core::RunResult result;
  accelerator->collect(result);
  const nlohmann::json& p = result.details["pipeline"];
  Point point;
  point.fps_batch1 = p["fps_batch1"].get<double>();
  point.fps_batch = p["fps_batch"].get<double>();
  point.contexts = p["contexts"].get<double>();
  point.power_w = p["power_w"].get<double>();
  point.fps_per_w = p["fps_per_w"].get<double>();
  point.switch_s = p["switch_s"].get<double>();
  std::snprintf(point.bottleneck, sizeof point.bottleneck, "%s",
                p["bottleneck"]["layer"].get<std::string>().c_str());
  point.host_s = std::chrono::duration<double>(Clock::now() - start).count();
  return point;
}

Point simulate(const std::string& preset, const trace::Trace& trace) {
  return bench::in_child<Point>(trace.name + " on " + preset,
                                [&] { return simulate_here(preset, trace); });
}

trace::Trace network(const std::string& name, int64_t input_size = 0) {
  zoo::ZooOptions options;
  options.batch = kBatch;
  options.input_size = input_size;
  return zoo::make_network(name, options);
}

double error_pct(double sim, double target) { return 100.0 * (sim - target) / target; }

void fidelity() {
  struct Case {
    const char* preset;
    const char* network;
    int64_t input_size;
    double fps1, fps8;
  };
  // Hailo model zoo (REFERENCES.md, Dataflow VPU).
  const Case cases[] = {{"hailo8", "resnet50", 224, 1372, 1372},
                        {"hailo15h", "resnet50", 224, 318, 1022},
                        {"hailo15h", "yolov5m6", 1280, 40.6, 58.1}};
  std::printf("Fidelity against the Hailo model zoo (batch 1 / batch 8 FPS)\n");
  std::printf("%-9s %-9s %9s %9s %7s %9s %9s %7s %4s %8s %7s\n", "preset", "network", "b1 ref",
              "b1 sim", "err%", "b8 ref", "b8 sim", "err%", "ctx", "FPS/W", "host s");
  for (const Case& c : cases) {
    const Point p = simulate(c.preset, network(c.network, c.input_size));
    std::printf("%-9s %-9s %9.1f %9.1f %+7.1f %9.1f %9.1f %+7.1f %4.0f %8.1f %7.3f\n", c.preset,
                c.network, c.fps1, p.fps_batch1, error_pct(p.fps_batch1, c.fps1), c.fps8,
                p.fps_batch, error_pct(p.fps_batch, c.fps8), p.contexts, p.fps_per_w, p.host_s);
    if (std::string(c.preset) == "hailo8" && std::string(c.network) == "resnet50") {
      // One vendor benchmark: 1,328.8 FPS at 3.19 W.
      std::printf("%-9s %-9s power %.2f W vs 3.19 W (%+.1f%%), FPS/W %.0f vs %.0f\n", "", "",
                  p.power_w, error_pct(p.power_w, 3.19), p.fps_per_w, 1328.8 / 3.19);
    }
  }
}

void zoo_table() {
  const char* vision[] = {"resnet18",         "resnet34",        "resnet50",      "mobilenet-v1",
                          "mobilenet-v2",     "efficientnet-b0", "regnetx-800mf", "squeezenet1.1",
                          "ssd-mobilenet-v1", "yolov5s",         "yolov5m",       "yolov5m6",
                          "yolov8n",          "yolov8s",         "yolov8m",       "vit-b16"};
  std::printf(
      "\nZoo vision networks at their default input size (batch 8 simulated with batch 1)\n");
  std::printf("%-17s | %-44s | %-44s\n", "", "hailo8", "hailo15h");
  std::printf("%-17s | %8s %8s %4s %7s %6s %6s | %8s %8s %4s %7s %6s %6s\n", "network", "FPS b1",
              "FPS b8", "ctx", "FPS/W", "W", "host s", "FPS b1", "FPS b8", "ctx", "FPS/W", "W",
              "host s");
  double total_s = 0;
  for (const char* name : vision) {
    const trace::Trace t = network(name);
    std::printf("%-17s", name);
    for (const char* preset : {"hailo8", "hailo15h"}) {
      try {
        const Point p = simulate(preset, t);
        total_s += p.host_s;
        std::printf(" | %8.1f %8.1f %4.0f %7.1f %6.2f %6.3f", p.fps_batch1, p.fps_batch, p.contexts,
                    p.fps_per_w, p.power_w, p.host_s);
      } catch (const std::exception&) {
        std::printf(" | %-44s", "failed (see stderr)");
      }
    }
    std::printf("\n");
  }
  std::printf("total host time of the zoo simulations: %.2f s\n", total_s);
}

}  // namespace

int sc_main(int, char**) {
  const auto start = Clock::now();
  fidelity();
  zoo_table();
  std::printf("bench wall time: %.2f s\n",
              std::chrono::duration<double>(Clock::now() - start).count());
  return 0;
}
