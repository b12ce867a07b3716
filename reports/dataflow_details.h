// What a dataflow result adds in `details` (docs/result-format.md): the compiler-style plan
// (layers on clusters, grouped in contexts) and the pipeline it ran, read into typed fields.
// Each topic is optional; a malformed one is left out with a note naming the wrong key.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace axsim::reports {

struct PlanLayer {
  std::string layer;
  std::vector<int> clusters;
  double units = 0;
  double memory_bytes = 0;
};

// The layers that are resident on the fabric at the same time.
struct PlanContext {
  int index = 0;
  double weight_bytes = 0;
  double memory_bytes = 0;
  double units = 0;
  double switch_s = 0;  // time to load this context
  std::vector<PlanLayer> layers;
};

struct DataflowPlan {
  std::vector<PlanContext> contexts;
  double clusters = 0;
  double units_per_cluster = 0;
};

struct PipelineStage {
  std::string layer;
  int context = 0;
  double units = 0;
  double busy_s = 0;
  double stall_in_s = 0;   // waiting for its input
  double stall_out_s = 0;  // waiting for room downstream
  double first_row_s = 0;
  double last_row_s = 0;
  double utilization = 0;
};

struct DataflowPipeline {
  double batch = 1;
  double fps_batch1 = 0;
  double fps_batch = 0;
  double frame_latency_s = 0;
  double contexts = 0;
  double switch_s = 0;  // all context switches of the run
  std::string bottleneck_layer;
  int bottleneck_context = 0;
  std::vector<PipelineStage> stages;  // pipeline order

  bool is_bottleneck(const PipelineStage& s) const {
    return s.layer == bottleneck_layer && s.context == bottleneck_context;
  }
};

struct DataflowDetails {
  std::optional<DataflowPlan> plan;
  std::optional<DataflowPipeline> pipeline;
  std::vector<std::string> notes;  // one per topic left out, naming the key that was wrong
};

// True when `topics` holds any dataflow topic (plan, pipeline).
bool has_dataflow_topics(const nlohmann::json& topics);

// Never throws for a malformed topic: it is left out and noted.
DataflowDetails dataflow_details_of(const nlohmann::json& topics);

}  // namespace axsim::reports
