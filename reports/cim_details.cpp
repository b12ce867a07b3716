#include "reports/cim_details.h"

#include <algorithm>
#include <limits>

#include "reports/details_json.h"

namespace axsim::reports {

namespace {

using details::array_at;
using details::number_at;
using details::string_at;
using nlohmann::json;

CimResidency residency_of(const json& r) {
  const std::string path = "details.residency";
  details::require_object(r, path);
  CimResidency v;
  v.weight_bytes = number_at(r, path, "weight_bytes");
  v.weight_store_bytes = number_at(r, path, "weight_store_bytes");
  v.macros = number_at(r, path, "macros");
  v.macros_used = number_at(r, path, "macros_used");
  v.duplication_factor = number_at(r, path, "duplication_factor");
  v.reprogrammed_bytes = number_at(r, path, "reprogrammed_bytes");
  v.streamed_bytes = number_at(r, path, "streamed_bytes");
  v.reprogram_s = number_at(r, path, "reprogram_s");
  v.reprogram_j = number_at(r, path, "reprogram_j");
  v.policy = string_at(r, path, "policy");
  return v;
}

std::vector<CimLayerAccuracy> accuracy_of(const json& list) {
  details::require_array(list, "details.accuracy");
  std::vector<CimLayerAccuracy> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "details.accuracy[" + std::to_string(i) + "]";
    details::require_object(list[i], path);
    CimLayerAccuracy v;
    v.layer = string_at(list[i], path, "layer");
    const auto sqnr = list[i].find("sqnr_db");
    v.sqnr_db = sqnr != list[i].end() && sqnr->is_null() ? std::numeric_limits<double>::infinity()
                                                          : number_at(list[i], path, "sqnr_db");
    v.max_abs_error = number_at(list[i], path, "max_abs_error");
    v.samples = number_at(list[i], path, "samples");
    out.push_back(v);
  }
  return out;
}

CimAdc adc_of(const json& a) {
  const std::string path = "details.adc";
  details::require_object(a, path);
  return {number_at(a, path, "bits"), number_at(a, path, "conversions"),
          number_at(a, path, "busy_fraction")};
}

CimPower power_of(const json& p) {
  const std::string path = "details.power";
  details::require_object(p, path);
  CimPower v;
  v.frame_rate_hz = number_at(p, path, "frame_rate_hz");
  v.supply_v = number_at(p, path, "supply_v");
  v.duty_cycle = number_at(p, path, "duty_cycle");
  v.average_current_a = number_at(p, path, "average_current_a");
  v.average_power_w = number_at(p, path, "average_power_w");
  v.active_current_a = number_at(p, path, "active_current_a");
  v.idle_current_a = number_at(p, path, "idle_current_a");
  v.sleep_current_a = number_at(p, path, "sleep_current_a");
  if (p.contains("meets_frame_rate"))
    v.meets_frame_rate = details::bool_at(p, path, "meets_frame_rate");
  const json& timeline = array_at(p, path, "timeline");
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const std::string at = path + ".timeline[" + std::to_string(i) + "]";
    details::require_object(timeline[i], at);
    v.timeline.push_back(
        {string_at(timeline[i], at, "state"), number_at(timeline[i], at, "start_s"),
         number_at(timeline[i], at, "duration_s"), number_at(timeline[i], at, "current_a")});
  }
  return v;
}

}  // namespace

bool has_cim_topics(const json& topics) {
  if (!topics.is_object()) return false;
  for (const char* topic : {"residency", "accuracy", "adc", "power"}) {
    if (topics.contains(topic)) return true;
  }
  return false;
}

CimDetails cim_details_of(const json& topics) {
  CimDetails v;
  details::read_topic(topics, "residency", v.residency, v.notes, residency_of);
  details::read_topic(topics, "accuracy", v.accuracy, v.notes, accuracy_of);
  details::read_topic(topics, "adc", v.adc, v.notes, adc_of);
  details::read_topic(topics, "power", v.power, v.notes, power_of);
  return v;
}

std::vector<CimLayerAccuracy> worst_first(std::vector<CimLayerAccuracy> layers) {
  std::stable_sort(layers.begin(), layers.end(), [](const auto& a, const auto& b) {
    if (a.sqnr_db != b.sqnr_db) return a.sqnr_db < b.sqnr_db;
    if (a.max_abs_error != b.max_abs_error) return a.max_abs_error > b.max_abs_error;
    return a.layer < b.layer;
  });
  return layers;
}

}  // namespace axsim::reports
