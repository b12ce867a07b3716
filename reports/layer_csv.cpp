#include "reports/layer_csv.h"

#include <charconv>
#include <cmath>

#include "models/core/error.h"
#include "reports/result_view.h"

namespace axsim::reports {

namespace {

using nlohmann::json;

constexpr const char* kHeader =
    "result,trace,config,layer,name,op,unit,start_s,latency_s,compute_s,memory_s,other_s,"
    "macs,vector_ops,utilization,dram_bytes,sram_bytes,energy_j";

// A memory level the model does not have is an empty field, not a 0 that claims no traffic.
std::string bytes_field(const json& layer, const char* level) {
  const json& bytes = layer.at("bytes");
  return bytes.contains(level) ? csv_number(bytes.at(level).get<double>()) : std::string();
}

std::string layer_row(std::size_t result_index, const ResultView& r, std::size_t layer_index,
                      const json& layer) {
  const LayerView& l = r.layers[layer_index];
  const std::vector<std::string> fields = {std::to_string(result_index + 1),
                                           csv_field(r.trace_name),
                                           csv_field(r.config_name),
                                           std::to_string(layer_index),
                                           csv_field(l.name),
                                           csv_field(l.op),
                                           csv_field(l.unit),
                                           csv_number(layer.at("start_s").get<double>()),
                                           csv_number(l.latency_s),
                                           csv_number(l.compute_s),
                                           csv_number(l.memory_s),
                                           csv_number(l.other_s),
                                           csv_number(l.macs),
                                           csv_number(layer.at("vector_ops").get<double>()),
                                           csv_number(l.utilization),
                                           bytes_field(layer, "dram"),
                                           bytes_field(layer, "sram"),
                                           csv_number(l.energy_j)};
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) row += (i == 0 ? "" : ",") + fields[i];
  return row + "\r\n";
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(double value) {
  // Counts (MACs, bytes) read better as "1000000" than as the shorter "1e+06"; past 2^53
  // a double no longer holds every integer, so large values keep the shortest form.
  const bool whole = std::fabs(value) < 0x1p53 && std::trunc(value) == value;
  char text[32];
  const auto end =
      whole ? std::to_chars(text, text + sizeof text, value, std::chars_format::fixed).ptr
            : std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

std::string render_layer_csv(const std::vector<nlohmann::json>& results) {
  std::string out = std::string(kHeader) + "\r\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    try {
      const ResultView r = view_of(results[i]);
      const json& layers = results[i].at("layers");
      for (std::size_t j = 0; j < r.layers.size(); ++j) out += layer_row(i, r, j, layers[j]);
    } catch (const json::exception& e) {
      throw core::InputError("result " + std::to_string(i + 1) +
                             ": incomplete axsim result: " + e.what());
    }
  }
  return out;
}

}  // namespace axsim::reports
