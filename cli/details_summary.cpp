#include "cli/details_summary.h"

#include <cstdio>
#include <string>

#include "models/core/units.h"
#include "reports/report_format.h"

namespace axsim::cli {

namespace {

using nlohmann::json;

double number(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

void row(std::ostream& out, const std::string& key, const std::string& value) {
  char line[200];
  std::snprintf(line, sizeof line, "  %-24s %s\n", key.c_str(), value.c_str());
  out << line;
}

std::string fixed(double value, int digits) {
  char out[48];
  std::snprintf(out, sizeof out, "%.*f", digits, value);
  return out;
}

void print_cim(std::ostream& out, const json& details) {
  if (const auto r = details.find("residency"); r != details.end() && r->is_object()) {
    const double moved = number(*r, "reprogrammed_bytes") + number(*r, "streamed_bytes");
    std::string value = core::format_bytes(core::bytes(number(*r, "weight_bytes"))) + " in a " +
                        core::format_bytes(core::bytes(number(*r, "weight_store_bytes"))) +
                        " store, " + text(*r, "policy");
    if (moved > 0) {
      value += ": " + core::format_bytes(core::bytes(moved)) + " moved per inference (" +
               core::format_time(core::seconds(number(*r, "reprogram_s"))) + ")";
    }
    row(out, "weights", value);
  }
  if (const auto f = details.find("cpu_fallback"); f != details.end() && f->is_array() &&
                                                   !f->empty() && f->front().is_object()) {
    row(out, "CPU fallback",
        std::to_string(f->size()) + " layer" + (f->size() == 1 ? "" : "s") + " (" +
            text(f->front(), "layer") + ": " + text(f->front(), "reason") +
            (f->size() > 1 ? ", ..." : "") + ")");
  }
  if (const auto p = details.find("power"); p != details.end() && p->is_object()) {
    const auto meets = p->find("meets_frame_rate");
    const bool missed = meets != p->end() && meets->is_boolean() && !meets->get<bool>();
    row(out, "power at " + fixed(number(*p, "frame_rate_hz"), 0) + " inferences/s",
        reports::format_current(number(*p, "average_current_a")) + " average at " +
            fixed(number(*p, "supply_v"), 2) + " V (" +
            core::format_power(core::watts(number(*p, "average_power_w"))) + ", duty " +
            reports::format_percent(number(*p, "duty_cycle")) + ")" +
            (missed ? "  RATE NOT MET" : ""));
  }
}

void print_dataflow(std::ostream& out, const json& details) {
  const auto p = details.find("pipeline");
  if (p == details.end() || !p->is_object()) return;
  const double batch = number(*p, "batch");
  row(out, "frames/s batch 1 / " + fixed(batch, 0),
      fixed(number(*p, "fps_batch1"), 1) + " / " + fixed(number(*p, "fps_batch"), 1));
  row(out, "contexts", fixed(number(*p, "contexts"), 0) + " (switching " +
                           core::format_time(core::seconds(number(*p, "switch_s"))) + ")");
  if (const auto b = p->find("bottleneck"); b != p->end() && b->is_object()) {
    row(out, "bottleneck stage", text(*b, "layer") + " (context " +
                                     fixed(number(*b, "context"), 0) + ")");
  }
}

}  // namespace

void print_details_summary(std::ostream& out, const json& details) {
  if (!details.is_object()) return;
  print_cim(out, details);
  print_dataflow(out, details);
}

}  // namespace axsim::cli
