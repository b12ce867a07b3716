#include "reports/sweep_report_points.h"

#include <filesystem>
#include <fstream>

#include "models/core/error.h"
#include "models/core/units.h"
#include "reports/report_format.h"

namespace axsim::reports {

using nlohmann::json;

SweepPoint sweep_point_of(const json& line) {
  SweepPoint p;
  p.index = line.at("index").get<int>();
  p.config = line.at("config").get<std::string>();
  p.workload = line.at("workload").get<std::string>();
  p.status = line.at("status").get<std::string>();
  p.pareto = line.value("pareto", false);
  if (line.contains("error")) p.error = line.at("error").get<std::string>();
  for (const auto& [key, value] : line.at("settings").items()) {
    p.settings[key] = value.get<std::string>();
  }
  if (p.has_result()) p.summary = line.at("summary");
  return p;
}

SweepView load_sweep_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::InputError(path + ": cannot open the sweep results");
  SweepView view;
  // The folder a sweep writes into is named after the spec unless -o chose another name.
  view.name = std::filesystem::absolute(path).parent_path().filename().string();
  std::string text;
  for (int line_number = 1; std::getline(in, text); ++line_number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(line_number) + ": ";
    const json line = json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) {
      throw core::InputError(where + "not a JSON object (expected one sweep point per line)");
    }
    try {
      view.points.push_back(sweep_point_of(line));
    } catch (const json::exception& e) {
      throw core::InputError(where + "incomplete sweep point: " + e.what());
    }
  }
  return view;
}

std::optional<double> summary_value(const json& summary, const std::string& key) {
  if (!summary.is_object()) return std::nullopt;
  if (summary.contains(key) && summary.at(key).is_number()) return summary.at(key).get<double>();
  if (summary.contains("stall")) {
    const json& stall = summary.at("stall");
    if (stall.is_object() && stall.contains(key) && stall.at(key).is_number()) {
      return stall.at(key).get<double>();
    }
  }
  return std::nullopt;
}

std::string settings_text(const SweepPoint& point) {
  std::string out;
  for (const auto& [key, value] : point.settings) {
    out += (out.empty() ? "" : ", ") + key.substr(key.rfind('.') + 1) + "=" + value;
  }
  return out.empty() ? "(base config)" : out;
}

std::string format_summary_value(const std::string& key, double value) {
  const auto ends_with = [&key](const std::string& suffix) {
    return key.size() >= suffix.size() &&
           key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("ops_per_s")) return format_ops_rate(value);
  if (ends_with("_per_s")) return format_count(value) + "/s";
  if (key == "inferences_per_s") return format_count(value);  // the column says "/s"
  if (ends_with("_s")) return core::format_time(core::seconds(value));
  if (ends_with("_j")) return core::format_energy(core::joules(value));
  if (ends_with("_w")) return core::format_power(core::watts(value));
  if (key == "utilization") return format_percent(value);
  return format_count(value);
}

bool higher_is_better(const std::string& key) {
  return key == "inferences_per_s" || key == "achieved_ops_per_s" || key == "utilization";
}

std::string workload_name(const std::string& workload_path) {
  return std::filesystem::path(workload_path).stem().string();
}

}  // namespace axsim::reports
