#include "models/core/result.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace axsim::core {

namespace {

nlohmann::json layer_to_json(const LayerResult& layer) {
  return {{"name", layer.name},           {"op", layer.op},
          {"unit", layer.unit},           {"start_s", layer.start_s},
          {"latency_s", layer.latency_s}, {"cycles", layer.cycles},
          {"stall", {{"compute_s", layer.compute_s}, {"memory_s", layer.memory_s},
                     {"other_s", layer.other_s}}},
          {"macs", layer.macs},           {"vector_ops", layer.vector_ops},
          {"utilization", layer.utilization},
          {"bytes", layer.bytes},         {"energy_j", layer.energy_j}};
}

}  // namespace

nlohmann::json result_to_json(const RunResult& result) {
  const RunMetadata& m = result.meta;
  const RunSummary& s = result.summary;
  nlohmann::json out;
  out["schema"] = "axsim-result";
  out["schema_version"] = kResultSchemaVersion;
  out["meta"] = {{"axsim_version", m.axsim_version}, {"kind", m.kind},
                 {"config_name", m.config_name},     {"config_file", m.config_file},
                 {"config_hash", m.config_hash},     {"overrides", m.overrides},
                 {"trace_name", m.trace_name},       {"trace_file", m.trace_file},
                 {"trace_hash", m.trace_hash},       {"wall_time_s", m.wall_time_s},
                 {"started_at", m.started_at}};
  out["summary"] = {{"latency_s", s.latency_s},
                    {"cycles", s.cycles},
                    {"clock_hz", s.clock_hz},
                    {"batch", s.batch},
                    {"inferences_per_s", s.inferences_per_s},
                    {"macs", s.macs},
                    {"achieved_ops_per_s", s.achieved_ops_per_s},
                    {"peak_ops_per_s", s.peak_ops_per_s},
                    {"utilization", s.utilization},
                    {"energy_j", s.energy_j},
                    {"average_power_w", s.average_power_w},
                    {"stall", {{"compute_s", s.compute_s}, {"memory_s", s.memory_s},
                               {"other_s", s.other_s}}},
                    {"bytes", s.bytes}};
  out["layers"] = nlohmann::json::array();
  for (const auto& layer : result.layers) out["layers"].push_back(layer_to_json(layer));
  out["energy"] = result.energy;
  out["stats"] = result.stats;
  if (!result.details.is_null()) out["details"] = result.details;
  return out;
}

void write_text_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const fs::path temp = target.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + temp.string() + "'");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temp);
      throw std::runtime_error("failed writing '" + temp.string() + "'");
    }
  }
  fs::rename(temp, target);
}

void write_result(const RunResult& result, const std::string& path) {
  write_text_atomically(path, result_to_json(result).dump(2) + "\n");
}

}  // namespace axsim::core
