#include "reports/cim_section.h"

#include <cmath>

#include "models/core/units.h"
#include "reports/cim_power_chart.h"
#include "reports/html_cells.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"

namespace axsim::reports {

namespace {

using core::format_bytes;
using core::format_energy;
using core::format_time;

std::string row(const std::string& key, const std::string& value_html,
                const std::string& tr_class = "") {
  return (tr_class.empty() ? "<tr>" : "<tr class=\"" + tr_class + "\">") + "<th scope=\"row\">" +
         escape_html(key) + "</th><td>" + value_html + "</td></tr>\n";
}

std::string frame_rate_verdict(const CimPower& p) {
  if (*p.meets_frame_rate) return "<span class=\"verdict-ok\">yes</span>";
  return "<span class=\"verdict-bad\">no</span> <span class=\"dim\">(one frame takes longer than " +
         escape_html(format_time(core::seconds(p.frame_period_s())) + ")") + "</span>";
}

std::string power_rows(const CimPower& p) {
  std::string out;
  out += row("frame rate", escape_html(core::format_frequency(core::hertz(p.frame_rate_hz))) +
                               " <span class=\"dim\">(one frame every " +
                               escape_html(format_time(core::seconds(p.frame_period_s()))) +
                               ")</span>");
  if (p.meets_frame_rate) out += row("meets the frame rate", frame_rate_verdict(p));
  out += row("duty cycle", escape_html(format_percent(p.duty_cycle)) +
                               " <span class=\"dim\">of each frame active</span>");
  out += row("average current", escape_html(format_current(p.average_current_a)) +
                                    " <span class=\"dim\">at " + svg_number(p.supply_v, 2) +
                                    " V</span>");
  out += row("average power", escape_html(core::format_power(core::watts(p.average_power_w))));
  out +=
      row("current active / idle / sleep", escape_html(format_current(p.active_current_a) + " / " +
                                                       format_current(p.idle_current_a) + " / " +
                                                       format_current(p.sleep_current_a)));
  return out;
}

std::string key_figures(const CimDetails& cim) {
  std::string out = "<table class=\"headline\">\n";
  if (cim.power) out += power_rows(*cim.power);
  if (cim.adc) {
    out += row("ADC", escape_html(svg_number(cim.adc->bits, 0) + " bits, " +
                                  format_count(cim.adc->conversions) + " conversions, busy " +
                                  format_percent(cim.adc->busy_fraction) + " of the run"));
  }
  return out + "</table>\n";
}

std::string memory_wall(const CimResidency& r) {
  if (!r.hits_memory_wall()) {
    return "<span class=\"dim\">none: every weight stayed resident in the macros</span>";
  }
  return escape_html(format_bytes(core::bytes(r.reprogrammed_bytes)) + " reprogrammed, " +
                     format_bytes(core::bytes(r.streamed_bytes)) +
                     " streamed; reprogramming took " + format_time(core::seconds(r.reprogram_s)) +
                     " and " + format_energy(core::joules(r.reprogram_j)));
}

std::string residency_table(const CimResidency& r) {
  std::string out = "<table class=\"headline residency\">\n";
  out += row("weights / weight store",
             escape_html(format_bytes(core::bytes(r.weight_bytes)) + " / " +
                         format_bytes(core::bytes(r.weight_store_bytes))) +
                 " <span class=\"dim\">(" +
                 escape_html(format_share(r.weight_bytes, r.weight_store_bytes)) +
                 " of the store)</span>");
  out += row("macros used",
             escape_html(svg_number(r.macros_used, 0) + " of " + svg_number(r.macros, 0)));
  out += row("duplication factor", escape_html("×" + svg_number(r.duplication_factor, 2)));
  out += row("policy", "<code>" + escape_html(r.policy) + "</code>");
  out += row("memory wall", memory_wall(r), r.hits_memory_wall() ? "memory-wall" : "");
  return out + "</table>\n";
}

std::string accuracy_table(const std::vector<CimLayerAccuracy>& layers, const std::string& id) {
  std::string out = "<table class=\"layers sortable accuracy\" id=\"" + escape_html(id) +
                    "\">\n<thead><tr><th>layer</th><th data-type=\"num\" class=\"num\">SQNR</th>"
                    "<th data-type=\"num\" class=\"num\">max abs error</th>"
                    "<th data-type=\"num\" class=\"num\">samples</th></tr></thead>\n<tbody>\n";
  for (const auto& l : worst_first(layers)) {
    out += "<tr>" + text_cell(l.layer) +
           (std::isinf(l.sqnr_db) ? number_cell(1e9, "exact")
                                  : number_cell(l.sqnr_db, svg_number(l.sqnr_db, 1) + " dB")) +
           number_cell(l.max_abs_error, svg_number(l.max_abs_error, 4)) +
           number_cell(l.samples, format_count(l.samples)) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string render_cim_section(const CimDetails& cim, const std::string& n) {
  std::string out = "<div class=\"kind-section\" id=\"cim-" + n + "\">\n";
  if (cim.power) {
    out +=
        "<h3>CIM power over one frame</h3>\n<p class=\"note\">The macro's power states across one "
        "frame period at the frame rate: each band is a state, as wide as its time and as "
        "tall as its current; the dashed line is the average current over the frame.</p>\n";
    out +=
        "<div class=\"chart\">" + render_power_timeline(*cim.power, "cim-power-" + n) + "</div>\n";
  }
  // Without the power topic there is no chart above to head the ADC figures.
  if (!cim.power && cim.adc) out += "<h3>CIM ADC</h3>\n";
  if (cim.power || cim.adc) out += key_figures(cim);
  if (cim.residency) {
    out +=
        "<h3>CIM weight residency</h3>\n<p class=\"note\">Where the weights live. Weights that did "
        "not fit stay outside the macros and are reprogrammed or streamed in: the memory "
        "wall compute-in-memory is meant to remove.</p>\n";
    out += residency_table(*cim.residency);
  }
  if (cim.accuracy) {
    out +=
        "<h3>CIM ADC accuracy per layer</h3>\n<p class=\"note\">Signal to quantisation noise of "
        "each layer's outputs against an exact reference, worst first. Click a header to "
        "sort.</p>\n";
    out += "<div class=\"scroll fit\">" + accuracy_table(*cim.accuracy, "cim-accuracy-" + n) +
           "</div>\n";
  }
  for (const auto& note : cim.notes) {
    out += "<p class=\"note details-error\">Left out of this section: " + escape_html(note) +
           ".</p>\n";
  }
  return out + "</div>\n";
}

}  // namespace axsim::reports
