// The parts of a result that every accelerator model fills the same way: a layer's row from
// its timing, its energy from the ledger, and the summary from the layers. What a model does
// differently (its peak, a stall split it corrects, energy it shares out by bytes) stays in
// the model, before or after these.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/core/energy.h"
#include "models/core/result.h"

namespace axsim::core {

// `seconds` in whole cycles of `clock_hz`, rounded to the nearest.
int64_t cycles_at(double seconds, double clock_hz);

// What a layer is and how much work it did: the columns of its row no timing gives.
struct LayerWork {
  std::string name;
  std::string op;
  std::string unit;
  int64_t macs = 0;
  int64_t vector_ops = 0;
};

// A layer's row from a model's timing of it: any struct with start_s, end_s, compute_s,
// memory_s and other_s in seconds of simulated time. Latency is end - start; utilization,
// bytes and energy are the model's to fill.
template <typename Timing>
LayerResult timed_layer(LayerWork work, const Timing& t, double clock_hz) {
  LayerResult layer;
  layer.name = std::move(work.name);
  layer.op = std::move(work.op);
  layer.unit = std::move(work.unit);
  layer.start_s = t.start_s;
  layer.latency_s = t.end_s - t.start_s;
  layer.cycles = cycles_at(layer.latency_s, clock_hz);
  layer.compute_s = t.compute_s;
  layer.memory_s = t.memory_s;
  layer.other_s = t.other_s;
  layer.macs = work.macs;
  layer.vector_ops = work.vector_ops;
  return layer;
}

// Copies what the ledger booked under the layer's name, per component, into its energy_j.
void copy_layer_energy(const EnergyLedger& ledger, LayerResult& layer);

// Adds the layers up into the summary: latency, the stall split, MACs and bytes per level.
// Layers that run one after another add; a model whose layers overlap sets its own time after.
void sum_layers(const std::vector<LayerResult>& layers, RunSummary& s);

// Fills what follows from the summary's clock, batch, latency, MACs and peak and the run's
// total energy: cycles, inferences and ops per second, average power and utilization.
void derive_summary(RunSummary& s, double energy_j);

}  // namespace axsim::core
