#include "reports/result_view.h"

#include <fstream>
#include <sstream>

#include "models/core/error.h"
#include "models/core/result.h"

namespace axsim::reports {

namespace {

using nlohmann::json;

double number_or_zero(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string string_or_empty(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::map<std::string, double> numbers_by_key(const json& object) {
  std::map<std::string, double> out;
  for (const auto& [key, value] : object.items()) out[key] = value.get<double>();
  return out;
}

// A statistic from the module tree ({"value", "unit", "description"}), 0 when absent.
double stat_value(const json& stats, const char* group, const char* name) {
  const auto g = stats.find(group);
  if (g == stats.end() || !g->is_object()) return 0.0;
  const auto s = g->find(name);
  if (s == g->end() || !s->is_object()) return 0.0;
  return number_or_zero(*s, "value");
}

LayerView layer_view(const json& layer) {
  LayerView v;
  v.name = layer.at("name").get<std::string>();
  v.op = layer.at("op").get<std::string>();
  v.unit = layer.at("unit").get<std::string>();
  v.start_s = layer.value("start_s", 0.0);
  v.latency_s = layer.at("latency_s").get<double>();
  const json& stall = layer.at("stall");
  v.compute_s = stall.at("compute_s").get<double>();
  v.memory_s = stall.at("memory_s").get<double>();
  v.other_s = stall.at("other_s").get<double>();
  v.macs = layer.at("macs").get<double>();
  v.utilization = layer.at("utilization").get<double>();
  v.bytes = numbers_by_key(layer.at("bytes"));
  v.dram_bytes = v.bytes["dram"];
  for (const auto& [component, joules] : numbers_by_key(layer.at("energy_j"))) {
    v.energy_j += joules;
  }
  return v;
}

// The kind-specific topics are recognised by name, so a section appears whatever the kind
// string of the machine that wrote them.
void read_details(const json& result, ResultView& v) {
  const auto it = result.find("details");
  if (it == result.end() || it->is_null()) return;
  if (!it->is_object()) {
    v.details_note = std::string("details: expected an object, found ") + it->type_name() +
                     "; the kind-specific section is left out.";
    return;
  }
  if (has_cim_topics(*it)) v.cim = cim_details_of(*it);
  if (has_dataflow_topics(*it)) v.dataflow = dataflow_details_of(*it);
}

}  // namespace

std::string ResultView::title() const {
  std::string text = trace_name + " on " + config_name;
  for (const auto& assignment : overrides) text += " --set " + assignment;
  return text;
}

ResultView view_of(const json& result) {
  ResultView v;
  const json& meta = result.at("meta");
  v.axsim_version = string_or_empty(meta, "axsim_version");
  v.kind = meta.at("kind").get<std::string>();
  v.config_name = meta.at("config_name").get<std::string>();
  v.config_file = string_or_empty(meta, "config_file");
  v.config_hash = string_or_empty(meta, "config_hash");
  v.trace_name = meta.at("trace_name").get<std::string>();
  v.trace_file = string_or_empty(meta, "trace_file");
  v.trace_hash = string_or_empty(meta, "trace_hash");
  v.started_at = string_or_empty(meta, "started_at");
  if (meta.contains("overrides")) v.overrides = meta.at("overrides").get<std::vector<std::string>>();

  const json& s = result.at("summary");
  v.latency_s = s.at("latency_s").get<double>();
  v.cycles = number_or_zero(s, "cycles");
  v.clock_hz = number_or_zero(s, "clock_hz");
  v.batch = s.contains("batch") ? s.at("batch").get<double>() : 1.0;
  v.inferences_per_s = number_or_zero(s, "inferences_per_s");
  v.macs = s.at("macs").get<double>();
  v.achieved_ops_per_s = s.at("achieved_ops_per_s").get<double>();
  v.peak_ops_per_s = s.at("peak_ops_per_s").get<double>();
  v.utilization = s.at("utilization").get<double>();
  v.energy_j = s.at("energy_j").get<double>();
  v.average_power_w = number_or_zero(s, "average_power_w");
  const json& stall = s.at("stall");
  v.compute_s = stall.at("compute_s").get<double>();
  v.memory_s = stall.at("memory_s").get<double>();
  v.other_s = stall.at("other_s").get<double>();
  if (s.contains("bytes")) v.bytes = numbers_by_key(s.at("bytes"));

  const json& energy = result.at("energy");
  if (energy.contains("by_component")) {
    v.energy_by_component_j = numbers_by_key(energy.at("by_component"));
  }
  v.static_energy_j = number_or_zero(energy, "static_j");
  if (energy.contains("tech")) v.tech_name = string_or_empty(energy.at("tech"), "name");

  if (result.contains("stats") && result.at("stats").is_object()) {
    v.dram_bandwidth_peak = stat_value(result.at("stats"), "summary", "dram_bandwidth_peak");
    v.dram_bandwidth_achieved =
        stat_value(result.at("stats"), "summary", "dram_bandwidth_achieved");
  }

  for (const json& layer : result.at("layers")) v.layers.push_back(layer_view(layer));
  read_details(result, v);
  return v;
}

json load_result_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::InputError(path + ": cannot open the result file");
  std::stringstream text;
  text << in.rdbuf();
  json result = json::parse(text.str(), nullptr, false);
  if (result.is_discarded()) throw core::InputError(path + ": not valid JSON");
  if (!result.is_object() || !result.contains("schema") || result["schema"] != "axsim-result") {
    throw core::InputError(path + ": not an axsim result (expected \"schema\": \"axsim-result\")");
  }
  const json& version = result["schema_version"];
  if (!version.is_number_integer() || version.get<int>() != core::kResultSchemaVersion) {
    throw core::InputError(path + ": unknown result schema_version " + version.dump() +
                           " (this axsim reads version " +
                           std::to_string(core::kResultSchemaVersion) + ")");
  }
  try {
    view_of(result);
  } catch (const json::exception& e) {
    throw core::InputError(path + ": incomplete axsim result: " + e.what());
  }
  return result;
}

}  // namespace axsim::reports
