#include "reports/svg.h"

#include <algorithm>
#include <cmath>

#include "reports/html_escape.h"
#include "reports/report_format.h"

namespace axsim::reports {

std::string energy_colour(const std::string& component) {
  if (component == "array") return kComputeColour;
  if (component == "vector") return "#8fb1e0";
  if (component == "dram") return kMemoryColour;
  if (component == "sram") return "#f2b582";
  if (component == "static") return kOtherColour;
  return "#7d6fa8";
}

std::vector<double> linear_ticks(double max, int target) {
  if (!(max > 0) || !std::isfinite(max)) return {0.0, 1.0};
  const double raw = max / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    ticks.push_back(i * step);
    if (i * step >= max * (1 - 1e-9)) break;
  }
  return ticks;
}

std::vector<double> decade_ticks(double low, double high) {
  std::vector<double> ticks;
  const int first = static_cast<int>(std::floor(std::log10(low) + 1e-9));
  const int last = static_cast<int>(std::ceil(std::log10(high) - 1e-9));
  for (int k = first; k <= std::max(last, first + 1); ++k) ticks.push_back(std::pow(10.0, k));
  return ticks;
}

std::string svg_open(const std::string& id, double width, double height,
                     const std::string& label) {
  const std::string w = svg_number(width, 0);
  const std::string h = svg_number(height, 0);
  return "<svg id=\"" + escape_html(id) + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w +
         "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-label=\"" +
         escape_html(label) + "\">\n";
}

std::string svg_text(double x, double y, const std::string& text, const char* anchor,
                     const char* css_class) {
  return "<text class=\"" + std::string(css_class) + "\" x=\"" + svg_number(x) + "\" y=\"" +
         svg_number(y) + "\" text-anchor=\"" + anchor + "\">" + escape_html(text) + "</text>\n";
}

std::string svg_vertical_text(double x, double y, const std::string& text) {
  return "<text class=\"axis-label\" transform=\"translate(" + svg_number(x) + "," +
         svg_number(y) + ") rotate(-90)\" text-anchor=\"middle\">" + escape_html(text) +
         "</text>\n";
}

std::string svg_line(double x1, double y1, double x2, double y2, const char* css_class) {
  return "<line class=\"" + std::string(css_class) + "\" x1=\"" + svg_number(x1) + "\" y1=\"" +
         svg_number(y1) + "\" x2=\"" + svg_number(x2) + "\" y2=\"" + svg_number(y2) + "\"/>\n";
}

double svg_legend_item(std::string& out, double x, double y, const char* colour,
                       const std::string& label) {
  out += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y - 9) +
         "\" width=\"11\" height=\"11\" rx=\"2\" fill=\"" + colour + "\"/>\n";
  out += svg_text(x + 16, y, label, "start", "legend");
  // Legend labels are short; 7 px per character is the width of the report's 12 px font.
  return x + 16 + 7.0 * static_cast<double>(label.size()) + 18;
}

}  // namespace axsim::reports
