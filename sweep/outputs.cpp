#include "sweep/outputs.h"

#include <filesystem>
#include <map>
#include <sstream>

#include "models/core/error.h"
#include "models/core/result.h"

namespace axsim::sweep {

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(double v) {
  std::ostringstream out;
  out.precision(10);
  out << v;
  return out.str();
}

bool has_result(const PointOutcome& o) {
  return o.status == Status::ok || o.status == Status::cached;
}

const std::vector<std::string> kSummaryColumns = {"latency_s", "inferences_per_s", "energy_j",
                                                  "average_power_w", "utilization"};

}  // namespace

double objective_value(const nlohmann::json& summary, const std::string& objective) {
  if (objective == "memory_s") return summary.at("stall").at("memory_s").get<double>();
  const bool negated = objective.rfind("neg_", 0) == 0;
  const std::string key = negated ? objective.substr(4) : objective;
  if (!summary.contains(key) || !summary.at(key).is_number()) {
    throw core::InputError("objective '" + objective + "': a result has no '" + key +
                           "' (a kind's own metrics, such as cim results' min_sqnr_db, come "
                           "from its details.metrics)");
  }
  const double value = summary.at(key).get<double>();
  return negated ? -value : value;
}

size_t write_outputs(const SweepSpec& spec, const std::vector<PointOutcome>& outcomes,
                     const std::string& out_dir) {
  // One front per workload: a CNN's latency and an LLM's are not alternatives to each other.
  std::vector<bool> on_front(outcomes.size(), false);
  std::map<std::string, std::vector<size_t>> by_workload;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (has_result(outcomes[i])) by_workload[outcomes[i].point.workload].push_back(i);
  }
  size_t front_size = 0;
  for (const auto& [workload, members] : by_workload) {
    std::vector<std::vector<double>> rows;
    for (size_t i : members) {
      std::vector<double> row;
      for (const std::string& objective : spec.objectives) {
        row.push_back(objective_value(outcomes[i].summary, objective));
      }
      rows.push_back(row);
    }
    const std::vector<bool> front = pareto_front(rows);
    for (size_t r = 0; r < members.size(); ++r) {
      on_front[members[r]] = front[r];
      front_size += front[r] ? 1 : 0;
    }
  }

  std::ostringstream jsonl;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const PointOutcome& o = outcomes[i];
    nlohmann::json line = {{"index", o.point.index},   {"config", o.point.config},
                           {"workload", o.point.workload}, {"status", status_name(o.status)},
                           {"key", o.key},             {"pareto", static_cast<bool>(on_front[i])}};
    line["settings"] = nlohmann::json::object();
    for (const auto& [key, value] : o.point.settings) line["settings"][key] = value;
    if (!o.error.empty()) line["error"] = o.error;
    if (has_result(o)) {
      line["result"] = o.result_path;
      line["summary"] = o.summary;
    }
    jsonl << line.dump() << "\n";
  }

  std::ostringstream header;
  header << "index,config,workload";
  for (const Axis& axis : spec.axes) header << "," << csv_field(axis.key);
  header << ",status";
  for (const std::string& column : kSummaryColumns) header << "," << column;
  header << ",memory_share,pareto\n";
  std::ostringstream summary;
  std::ostringstream pareto;
  summary << header.str();
  pareto << header.str();
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const PointOutcome& o = outcomes[i];
    std::ostringstream row;
    row << o.point.index << "," << csv_field(o.point.config) << ","
        << csv_field(o.point.workload);
    for (const auto& setting : o.point.settings) row << "," << csv_field(setting.second);
    row << "," << status_name(o.status);
    for (const std::string& column : kSummaryColumns) {
      row << "," << (has_result(o) ? number(o.summary.at(column).get<double>()) : "");
    }
    if (has_result(o)) {
      const double latency = o.summary.at("latency_s").get<double>();
      const double memory = o.summary.at("stall").at("memory_s").get<double>();
      row << "," << number(latency > 0 ? memory / latency : 0.0);
    } else {
      row << ",";
    }
    row << "," << (on_front[i] ? "yes" : "no") << "\n";
    summary << row.str();
    if (on_front[i]) pareto << row.str();
  }

  const std::filesystem::path out(out_dir);
  core::write_text_atomically((out / "results.jsonl").string(), jsonl.str());
  core::write_text_atomically((out / "summary.csv").string(), summary.str());
  core::write_text_atomically((out / "pareto.csv").string(), pareto.str());
  return front_size;
}

}  // namespace axsim::sweep
