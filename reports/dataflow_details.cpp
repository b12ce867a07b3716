#include "reports/dataflow_details.h"

#include "reports/details_json.h"

namespace axsim::reports {

namespace {

using details::array_at;
using details::number_at;
using details::string_at;
using nlohmann::json;

std::string indexed(const std::string& path, const char* key, std::size_t i) {
  return path + "." + key + "[" + std::to_string(i) + "]";
}

int integer_at(const json& object, const std::string& path, const char* key) {
  return static_cast<int>(number_at(object, path, key));
}

PlanLayer plan_layer_of(const json& l, const std::string& path) {
  details::require_object(l, path);
  PlanLayer v;
  v.layer = string_at(l, path, "layer");
  v.clusters = details::integers_at(l, path, "clusters");
  v.units = number_at(l, path, "units");
  v.memory_bytes = number_at(l, path, "memory_bytes");
  return v;
}

PlanContext context_of(const json& c, const std::string& path) {
  details::require_object(c, path);
  PlanContext v;
  v.index = integer_at(c, path, "index");
  v.weight_bytes = number_at(c, path, "weight_bytes");
  v.memory_bytes = number_at(c, path, "memory_bytes");
  v.units = number_at(c, path, "units");
  v.switch_s = number_at(c, path, "switch_s");
  const json& layers = array_at(c, path, "layers");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    v.layers.push_back(plan_layer_of(layers[i], indexed(path, "layers", i)));
  }
  return v;
}

DataflowPlan plan_of(const json& p) {
  const std::string path = "details.plan";
  details::require_object(p, path);
  DataflowPlan v;
  const json& contexts = array_at(p, path, "contexts");
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    v.contexts.push_back(context_of(contexts[i], indexed(path, "contexts", i)));
  }
  v.clusters = number_at(p, path, "clusters");
  v.units_per_cluster = number_at(p, path, "units_per_cluster");
  return v;
}

PipelineStage stage_of(const json& s, const std::string& path) {
  details::require_object(s, path);
  PipelineStage v;
  v.layer = string_at(s, path, "layer");
  v.context = integer_at(s, path, "context");
  v.units = number_at(s, path, "units");
  v.busy_s = number_at(s, path, "busy_s");
  v.stall_in_s = number_at(s, path, "stall_in_s");
  v.stall_out_s = number_at(s, path, "stall_out_s");
  v.first_row_s = number_at(s, path, "first_row_s");
  v.last_row_s = number_at(s, path, "last_row_s");
  v.utilization = number_at(s, path, "utilization");
  return v;
}

DataflowPipeline pipeline_of(const json& p) {
  const std::string path = "details.pipeline";
  details::require_object(p, path);
  DataflowPipeline v;
  v.batch = number_at(p, path, "batch");
  v.fps_batch1 = number_at(p, path, "fps_batch1");
  v.fps_batch = number_at(p, path, "fps_batch");
  v.frame_latency_s = number_at(p, path, "frame_latency_s");
  v.contexts = number_at(p, path, "contexts");
  v.switch_s = number_at(p, path, "switch_s");
  const json& bottleneck = details::object_at(p, path, "bottleneck");
  v.bottleneck_layer = string_at(bottleneck, path + ".bottleneck", "layer");
  v.bottleneck_context = integer_at(bottleneck, path + ".bottleneck", "context");
  const json& stages = array_at(p, path, "stages");
  for (std::size_t i = 0; i < stages.size(); ++i) {
    v.stages.push_back(stage_of(stages[i], indexed(path, "stages", i)));
  }
  return v;
}

}  // namespace

bool has_dataflow_topics(const json& topics) {
  return topics.is_object() && (topics.contains("plan") || topics.contains("pipeline"));
}

DataflowDetails dataflow_details_of(const json& topics) {
  DataflowDetails v;
  details::read_topic(topics, "plan", v.plan, v.notes, plan_of);
  details::read_topic(topics, "pipeline", v.pipeline, v.notes, pipeline_of);
  return v;
}

}  // namespace axsim::reports
