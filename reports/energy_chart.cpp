#include "reports/energy_chart.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "models/core/units.h"
#include "reports/html_escape.h"
#include "reports/report_format.h"
#include "reports/svg.h"

namespace axsim::reports {

namespace {

constexpr double kLabelWidth = 84, kBarMaxWidth = 280, kRowHeight = 28, kTop = 10;

}  // namespace

std::string render_energy_chart(const ResultView& result, const std::string& id) {
  std::vector<std::pair<std::string, double>> parts(result.energy_by_component_j.begin(),
                                                    result.energy_by_component_j.end());
  // Largest first; ties by name so the order never depends on anything but the numbers.
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  double total = 0, largest = 0;
  for (const auto& [name, joules] : parts) {
    total += joules;
    largest = std::max(largest, joules);
  }

  const double width = kLabelWidth + kBarMaxWidth + 170;
  const double height = kTop + kRowHeight * static_cast<double>(parts.size()) + 30;
  std::string out = svg_open(id, width, height, "Energy by component");
  double y = kTop;
  for (const auto& [name, joules] : parts) {
    const double bar = largest > 0 ? joules / largest * kBarMaxWidth : 0;
    const std::string value =
        core::format_energy(core::joules(joules)) + "  (" + format_share(joules, total) + ")";
    out += svg_text(kLabelWidth - 8, y + 15, name, "end", "bar-label");
    out += "<rect x=\"" + svg_number(kLabelWidth) + "\" y=\"" + svg_number(y + 3) + "\" width=\"" +
           svg_number(std::max(bar, 1.0)) + "\" height=\"" + svg_number(kRowHeight - 8) +
           "\" rx=\"2\" fill=\"" + energy_colour(name) + "\"><title>" + escape_html(name + ": " + value) +
           "</title></rect>\n";
    out += svg_text(kLabelWidth + bar + 8, y + 15, value, "start", "value");
    y += kRowHeight;
  }
  out += svg_text(kLabelWidth, y + 16,
                  "total " + core::format_energy(core::joules(total)) +
                      (result.tech_name.empty() ? "" : "; technology table " + result.tech_name),
                  "start", "axis-label");
  out += "</svg>\n";
  return out;
}

}  // namespace axsim::reports
