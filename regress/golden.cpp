#include "regress/golden.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/core/error.h"
#include "models/core/result.h"

namespace axsim::regress {

namespace {

using ordered = nlohmann::ordered_json;

// Counts (cycles, bytes) read better as integers; everything else keeps full precision.
ordered number(double value) {
  if (std::trunc(value) == value && std::fabs(value) < 9.0e15) {
    return static_cast<int64_t>(value);
  }
  return value;
}

ordered summary_json(const Snapshot& snapshot) {
  ordered summary = ordered::object();
  for (const auto& [metric, value] : snapshot.metrics) {
    const size_t dot = metric.find('.');
    if (dot == std::string::npos) {
      summary[metric] = number(value);
    } else {
      summary[metric.substr(0, dot)][metric.substr(dot + 1)] = number(value);
    }
  }
  return summary;
}

void flatten_summary(const nlohmann::json& node, const std::string& prefix, Snapshot& out) {
  for (const auto& [key, value] : node.items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object()) {
      flatten_summary(value, name, out);
    } else {
      out.metrics[name] = value.get<double>();
    }
  }
}

}  // namespace

std::string golden_text(const std::string& case_name, const Snapshot& snapshot) {
  ordered head = ordered::object();
  head["schema"] = "axsim-golden";
  head["schema_version"] = kGoldenSchemaVersion;
  head["case"] = case_name;
  head["source"] = ordered(snapshot.source);
  head["summary"] = summary_json(snapshot);
  std::string text = head.dump(2);
  text.erase(text.rfind('}'));  // reopen the object to append the layers one per line
  while (!text.empty() && text.back() == '\n') text.pop_back();
  text += ",\n  \"layers\": [";
  for (size_t i = 0; i < snapshot.layers.size(); ++i) {
    const LayerSnapshot& layer = snapshot.layers[i];
    ordered row = ordered::object();
    row["name"] = layer.name;
    row["op"] = layer.op;
    row["latency_s"] = number(layer.latency_s);
    text += (i == 0 ? "\n    " : ",\n    ") + row.dump();
  }
  text += snapshot.layers.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return text;
}

Snapshot parse_golden(const std::string& text, const std::string& file) {
  try {
    const nlohmann::json doc = nlohmann::json::parse(text);
    if (doc.value("schema", "") != "axsim-golden") {
      throw core::InputError(file + ": not a golden file (schema is not 'axsim-golden')");
    }
    if (doc.at("schema_version").get<int>() != kGoldenSchemaVersion) {
      throw core::InputError(file + ": golden schema_version " + doc.at("schema_version").dump() +
                             " is not " + std::to_string(kGoldenSchemaVersion) +
                             "; rerun with --update");
    }
    Snapshot out;
    flatten_summary(doc.at("summary"), "", out);
    for (const nlohmann::json& layer : doc.at("layers")) {
      out.layers.push_back({layer.at("name").get<std::string>(), layer.at("op").get<std::string>(),
                            layer.at("latency_s").get<double>()});
    }
    out.source = doc.value("source", nlohmann::json::object());
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw core::InputError(file + ": malformed golden file: " + e.what());
  }
}

std::optional<Snapshot> read_golden(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_golden(text.str(), path);
}

void write_golden(const std::string& path, const std::string& case_name, const Snapshot& snapshot) {
  core::write_text_atomically(path, golden_text(case_name, snapshot));
}

}  // namespace axsim::regress
