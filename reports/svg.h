// Small pieces every chart shares: the palette, axis ticks and SVG element text. Charts are
// written as inline SVG by C++ so the report needs no script library and the same result
// always gives the same bytes.
#pragma once

#include <string>
#include <vector>

namespace axsim::reports {

// One colour per kind of time, the same in every chart and legend of the report.
inline constexpr const char* kComputeColour = "#3f6fb5";
inline constexpr const char* kMemoryColour = "#e07b2e";
inline constexpr const char* kOtherColour = "#a3a8b0";

// Colour of an energy component: compute units blue, memories orange, static grey.
std::string energy_colour(const std::string& component);

// Evenly spaced ticks 0, step, 2 step... up to at least `max`, with a 1/2/5 x 10^k step
// chosen for about `target` intervals.
std::vector<double> linear_ticks(double max, int target = 5);

// Powers of ten from the decade at or below `low` to the one at or above `high`.
std::vector<double> decade_ticks(double low, double high);

// <svg> start tag with a fixed pixel size, the same viewBox and an accessible name.
std::string svg_open(const std::string& id, double width, double height,
                     const std::string& label);

// <text> with escaped content; anchor is "start", "middle" or "end".
std::string svg_text(double x, double y, const std::string& text, const char* anchor = "start",
                     const char* css_class = "tick");

// The same, turned 90 degrees anticlockwise about (x, y): a y-axis title.
std::string svg_vertical_text(double x, double y, const std::string& text);

std::string svg_line(double x1, double y1, double x2, double y2, const char* css_class);

// A small legend swatch and its label, laid out left to right from (x, y); returns the x
// after it.
double svg_legend_item(std::string& out, double x, double y, const char* colour,
                       const std::string& label);

}  // namespace axsim::reports
