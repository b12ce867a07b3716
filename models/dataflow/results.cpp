#include "models/dataflow/results.h"

#include <algorithm>
#include <map>
#include <string>

#include "models/core/result_fill.h"
#include "models/core/stats.h"
#include "models/dataflow/allocator.h"

namespace axsim::dataflow {

namespace {

// Simulated time of one batch in the steady state.
double batch_time(const PassTiming& pass) {
  const double fps = pass.fps();
  return fps > 0 ? static_cast<double>(pass.frames) / fps : 0.0;
}

// One batch's time, less its context switches, split over the contexts in proportion to how
// long each ran.
double context_window_s(const PassTiming& pass, int64_t context) {
  double run_total = 0;
  for (const double run_s : pass.context_run_s) run_total += run_s;
  if (run_total <= 0) return 0;
  const double available = std::max(0.0, batch_time(pass) - pass.switch_s / pass.batches);
  return available * pass.context_run_s[static_cast<size_t>(context)] / run_total;
}

std::string mac_action(int bits) {
  if (bits <= 4) return "mac_int4";
  if (bits <= 8) return "mac_int8";
  return "mac_int16";
}

bool is_layer_stage(const Stage& s) {
  return s.kind == StageKind::compute || s.kind == StageKind::vector;
}

// Energy and bytes of one stage over a pass; fills the layer's bytes.
void charge_stage(const RunView& run, const Stage& stage, const PassTiming& pass,
                  core::EnergyLedger& ledger, core::LayerResult& layer) {
  const Node& node = run.graph.nodes[static_cast<size_t>(stage.node)];
  const auto frames = static_cast<double>(pass.frames);
  double input_bytes = 0;
  for (const NodeInput& in : node.inputs)
    input_bytes += in.row_bytes * static_cast<double>(in.rows);
  const double output_bytes = node.row_bytes * static_cast<double>(node.rows);
  // Weights stay in the cluster and are read again for every output row.
  const double sram_read =
      frames * (node.weight_bytes * static_cast<double>(node.rows) + input_bytes);
  const double sram_write = frames * output_bytes;
  const double noc = stage.block_noc_s > 0 ? frames * output_bytes : 0.0;
  if (stage.kind == StageKind::compute) {
    ledger.count("mac_array", stage.name, mac_action(node.bits), node.macs * frames);
  } else {
    ledger.count("vector", stage.name, "vector_op", node.vector_ops * frames);
  }
  ledger.count("sram", stage.name, "sram_read_byte", sram_read);
  ledger.count("sram", stage.name, "sram_write_byte", sram_write);
  ledger.count("noc", stage.name, "noc_byte", noc);
  layer.bytes["sram"] = sram_read + sram_write;
  layer.bytes["noc"] = noc;
}

core::LayerResult stage_layer(const RunView& run, const Stage& stage, const PassTiming& pass,
                              core::EnergyLedger& ledger) {
  const StageTiming& t = pass.stages[static_cast<size_t>(&stage - run.plan.stages.data())];
  core::LayerResult layer;
  const Node& node = run.graph.nodes[static_cast<size_t>(stage.node)];
  layer.name = stage.name;
  layer.op = node.op;
  layer.unit = stage.kind == StageKind::compute ? "array" : "vector";
  layer.start_s = pass.context_start_s[static_cast<size_t>(stage.context)];
  // Stages of a context run at the same time, so each layer's latency is its context's share
  // of one batch: busy computing, waiting for the pipeline to fill, or stalled on a neighbour
  // (back-pressure or starvation). The pass simulated pass.batches batches.
  const double window = context_window_s(pass, stage.context);
  layer.compute_s = std::min(t.busy_s / pass.batches, window);
  layer.other_s = std::min(t.fill_s / pass.batches, window - layer.compute_s);
  layer.memory_s = window - layer.compute_s - layer.other_s;
  layer.latency_s = window;
  layer.cycles = core::cycles_at(layer.latency_s, run.config.clock.si);
  const auto frames = static_cast<double>(pass.frames);
  layer.macs = static_cast<int64_t>(node.macs * frames + 0.5);
  layer.vector_ops = static_cast<int64_t>(node.vector_ops * frames + 0.5);
  if (stage.kind == StageKind::compute && layer.latency_s > 0) {
    layer.utilization = node.macs * frames / (layer.latency_s * stage.peak_macs_per_s);
  }
  charge_stage(run, stage, pass, ledger, layer);
  return layer;
}

nlohmann::json stage_json(const Stage& stage, const StageTiming& t, const PassTiming& pass) {
  const double run_s = pass.context_run_s[static_cast<size_t>(stage.context)];
  return {{"layer", stage.name},
          {"kind", stage_kind_name(stage.kind)},
          {"context", stage.context},
          {"units", stage.units},
          {"busy_s", t.busy_s / pass.batches},
          {"stall_in_s", (t.stall_in_s + t.fill_s) / pass.batches},
          {"stall_out_s", t.stall_out_s / pass.batches},
          {"first_row_s", t.first_row_s},
          {"last_row_s", t.last_row_s},
          {"utilization", run_s > 0 ? t.busy_s / run_s : 0.0}};
}

}  // namespace

void fill_result(const RunView& run, core::RunResult& result) {
  const PassTiming& one = run.passes.front();
  const PassTiming& batch = run.passes.back();
  core::EnergyLedger ledger(run.tech);

  std::map<std::string, const Stage*> stage_of_layer;
  for (const Stage& s : run.plan.stages) {
    if (is_layer_stage(s)) stage_of_layer[s.name] = &s;
  }
  std::map<std::string, std::string> head_of;  // fused layer -> its stage's layer
  for (const Node& node : run.graph.nodes) {
    for (size_t i = 1; i < node.layers.size(); ++i) head_of[node.layers[i]] = node.name;
  }
  for (const trace::Layer& tl : run.trace.layers) {
    const auto stage = stage_of_layer.find(tl.name);
    if (stage != stage_of_layer.end()) {
      core::LayerResult layer = stage_layer(run, *stage->second, batch, ledger);
      result.layers.push_back(std::move(layer));
      continue;
    }
    core::LayerResult fused;
    fused.name = tl.name;
    fused.op = trace::op_name(tl.op);
    fused.unit = "none";  // fused into the stage of head_of[tl.name]
    const auto head = stage_of_layer.find(head_of[tl.name]);
    if (head != stage_of_layer.end()) {
      fused.start_s = batch.context_start_s[static_cast<size_t>(head->second->context)];
    }
    result.layers.push_back(std::move(fused));
  }

  // Links: frames in and out over the host, cut activations and context loads over the store.
  const std::string store_action = run.config.dram ? "dram_byte" : "host_byte";
  const double host_bytes = batch.host_bytes / batch.batches;
  const double store_bytes = batch.store_bytes / batch.batches;
  const double switch_s = batch.switch_s / batch.batches;
  ledger.count("host_link", "", "host_byte", host_bytes);
  ledger.count(run.plan.store == "dram" ? "dram" : "host_link", "", store_action, store_bytes);
  double load_bytes = 0;
  if (run.plan.contexts.size() > 1) {
    for (const Context& ctx : run.plan.contexts) {
      load_bytes += ctx.weight_bytes;
      for (int s : ctx.stages) {
        if (is_layer_stage(run.plan.stages[static_cast<size_t>(s)])) {
          load_bytes += run.config.config_bytes_per_layer.si;
        }
      }
    }
  }
  ledger.count(run.plan.store == "dram" ? "dram" : "host_link", "context_switch", store_action,
               load_bytes);
  ledger.add_static("static", "", run.config.static_power, core::seconds(batch_time(batch)));

  for (core::LayerResult& layer : result.layers) core::copy_layer_energy(ledger, layer);

  core::RunSummary& s = result.summary;
  s.clock_hz = run.config.clock.si;
  s.batch = batch.frames;
  core::sum_layers(result.layers, s);
  // The stages run at the same time, so the run takes one batch's time, not the layers' sum;
  // the stall split below replaces the summed one too.
  s.latency_s = batch_time(batch);
  s.bytes["host"] = host_bytes + (run.plan.store == "host" ? store_bytes + load_bytes : 0.0);
  if (run.plan.store == "dram") s.bytes["dram"] = store_bytes + load_bytes;
  s.other_s = std::min(switch_s, s.latency_s);
  s.compute_s = s.latency_s - s.other_s;
  s.memory_s = 0;
  s.peak_ops_per_s = run.config.peak_ops_per_s(8);
  core::derive_summary(s, ledger.total().si);

  // The bottleneck: the layer stage busy longest in the batch pass.
  const Stage* bottleneck = nullptr;
  double worst = -1;
  nlohmann::json stages = nlohmann::json::array();
  for (size_t i = 0; i < run.plan.stages.size(); ++i) {
    const Stage& st = run.plan.stages[i];
    if (!is_layer_stage(st)) continue;
    stages.push_back(stage_json(st, batch.stages[i], batch));
    if (batch.stages[i].busy_s > worst) {
      worst = batch.stages[i].busy_s;
      bottleneck = &st;
    }
  }
  const double fps1 = one.fps();
  nlohmann::json pipeline = {
      {"batch", batch.frames},
      {"fps_batch1", fps1},
      {"fps_batch", s.inferences_per_s},
      {"frame_latency_s", one.first_latency_s()},
      {"contexts", run.plan.contexts.size()},
      {"switch_s", switch_s},
      {"bottleneck",
       {{"layer", bottleneck ? bottleneck->name : ""},
        {"context", bottleneck ? bottleneck->context : 0}}},
      {"power_w", s.average_power_w},
      {"fps_per_w", s.average_power_w > 0 ? s.inferences_per_s / s.average_power_w : 0.0},
      {"stages", stages}};
  nlohmann::json plan = plan_to_json(run.plan);
  plan["text"] = format_plan(run.plan);
  result.details["plan"] = plan;
  result.details["pipeline"] = pipeline;

  core::StatGroup stats("dataflow");
  core::StatGroup& summary = stats.group("summary");
  summary.add("fps_batch1", "frames per second at batch 1", "1/s").value = fps1;
  summary.add("fps_batch", "frames per second at the trace's batch", "1/s").value =
      s.inferences_per_s;
  summary.add("contexts", "contexts the network was cut into", "1").value =
      static_cast<double>(run.plan.contexts.size());
  summary.add("switch_time", "context switches per batch", "s").value = switch_s;
  summary.add("host_bytes", "bytes over the host link per batch", "B").value = host_bytes;
  summary.add("store_bytes", "cut activations moved to and from the context store per batch", "B")
      .value = store_bytes;
  result.energy = ledger.to_json();
  result.stats = stats.to_json();
}

}  // namespace axsim::dataflow
