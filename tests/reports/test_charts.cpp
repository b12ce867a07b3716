// Chart geometry: bars proportional to the stall times, a roof and one point per array layer.
#include <catch2/catch.hpp>

#include "reports/bandwidth_chart.h"
#include "reports/layer_chart.h"
#include "reports/report_format.h"
#include "reports/roofline_chart.h"
#include "tests/reports/result_fixture.h"

namespace axsim::reports {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("stacked bar segments are proportional to each layer's stall times", "[charts]") {
  const ResultView r = view_of(test::small_result());
  const LayerChartLayout layout = layout_layer_chart(r.layers);
  REQUIRE(layout.bars.size() == 3);
  const double px_per_s = layout.plot_height / layout.y_max_s;
  for (std::size_t i = 0; i < r.layers.size(); ++i) {
    CHECK(layout.bars[i].compute_height == Approx(r.layers[i].compute_s * px_per_s));
    CHECK(layout.bars[i].memory_height == Approx(r.layers[i].memory_s * px_per_s));
    CHECK(layout.bars[i].other_height == Approx(r.layers[i].other_s * px_per_s));
  }
  // fc waits 6 us for memory, conv1 1 us: six times the height on the same scale.
  CHECK(layout.bars[1].memory_height == Approx(6 * layout.bars[0].memory_height));
  // The tallest bar fits under the top of the plot, and the axis starts at zero.
  CHECK(layout.y_max_s >= 7.5e-6);
  CHECK(layout.y_ticks_s.front() == 0);
}

TEST_CASE("the layer chart draws the laid-out rectangles in execution order", "[charts]") {
  const ResultView r = view_of(test::small_result());
  const LayerChartLayout layout = layout_layer_chart(r.layers);
  const std::string svg = render_layer_chart(r.layers, "chart");
  const double baseline = layout.plot_top + layout.plot_height;
  const LayerBar& fc = layout.bars[1];
  const std::string memory_rect =
      "<rect class=\"memory\" x=\"" + svg_number(fc.x) + "\" y=\"" +
      svg_number(baseline - fc.compute_height - fc.memory_height) + "\" width=\"" +
      svg_number(fc.width) + "\" height=\"" + svg_number(fc.memory_height) + "\"/>";
  CHECK(svg.find(memory_rect) != std::string::npos);
  CHECK(svg.find("conv1") < svg.find("fc (linear"));
  // relu has no memory stall: no zero-height rectangle for it.
  CHECK(count(svg, "class=\"memory\"") == 2);
  CHECK(count(svg, "class=\"compute\"") == 3);
}

TEST_CASE("many layers get thin bars that stay inside the page width", "[charts]") {
  std::vector<LayerView> layers(600);
  for (auto& l : layers) {
    l.latency_s = l.compute_s = 1e-6;
  }
  const LayerChartLayout layout = layout_layer_chart(layers);
  CHECK(layout.bars.size() == 600);
  CHECK(layout.width < 1216);
  CHECK(layout.bars[1].x - layout.bars[0].x > 1.5);
}

TEST_CASE("the roofline has a roof and one point per array layer with DRAM traffic",
          "[charts]") {
  const ResultView r = view_of(test::small_result());
  const auto points = roofline_points(r);
  REQUIRE(points.size() == 2);
  CHECK(points[0].ops_per_byte == Approx(2 * 4e6 / 1e5));
  CHECK(points[1].ops_per_s == Approx(2 * 1e6 / 7.5e-6));
  const std::string svg = render_roofline(r, "roof");
  CHECK(count(svg, "<polyline class=\"roof\"") == 1);
  CHECK(count(svg, "<circle") == 2);
  CHECK(svg.find("<title>fc (linear)") != std::string::npos);
  CHECK(svg.find("ridge 100 ops/B") != std::string::npos);  // 10 TOPS / 100 GB/s
  CHECK(svg.find("DRAM 100 GB/s") != std::string::npos);
}

TEST_CASE("without a DRAM bandwidth the roof is the flat peak alone", "[charts]") {
  nlohmann::json result = test::small_result();
  result["stats"] = nlohmann::json::object();
  const std::string svg = render_roofline(view_of(result), "roof");
  CHECK(count(svg, "<polyline class=\"roof\"") == 1);
  CHECK(svg.find("ridge") == std::string::npos);
  CHECK(count(svg, "<circle") == 2);
}

}  // namespace
}  // namespace axsim::reports

namespace axsim::reports {
namespace {

LayerView moving(const std::string& name, double start_s, double latency_s, double dram_bytes) {
  LayerView l;
  l.name = name;
  l.start_s = start_s;
  l.latency_s = latency_s;
  l.bytes["dram"] = dram_bytes;
  l.bytes["sram"] = 10 * dram_bytes;  // on chip: not drawn
  return l;
}

TEST_CASE("off-chip bandwidth adds up where layers overlap and is zero in the gaps", "[charts]") {
  // a: 0-2 us at 1 GB/s; b: 1-3 us at 2 GB/s (overlaps a); nothing 3-4 us; c: 4-5 us at 4 GB/s.
  const std::vector<LayerView> layers = {moving("a", 0, 2e-6, 2e3), moving("b", 1e-6, 2e-6, 4e3),
                                         moving("c", 4e-6, 1e-6, 4e3)};
  REQUIRE(offchip_level(layers) == "dram");
  const std::vector<BandwidthStep> steps = bandwidth_steps(layers, "dram");
  REQUIRE(steps.size() == 5);
  const double expected[] = {1e9, 3e9, 2e9, 0, 4e9};
  for (std::size_t i = 0; i < steps.size(); ++i) {
    CHECK(steps[i].bytes_per_s == Approx(expected[i]).margin(1));
  }
  CHECK(steps[3].start_s == Approx(3e-6));
  CHECK(steps[3].end_s == Approx(4e-6));
}

TEST_CASE("the bandwidth chart draws a step per interval, the peak and the average", "[charts]") {
  const ResultView r = view_of(test::small_result());
  const std::string svg = render_bandwidth_chart(r, "bw");
  CHECK(count(svg, "class=\"bw-step\"") == bandwidth_steps(r.layers, "dram").size());
  CHECK(count(svg, "class=\"average-line\"") == 1);
  CHECK((r.dram_bandwidth_peak > 0) == (count(svg, "class=\"peak-line\"") == 1));

  ResultView on_chip = r;
  for (LayerView& l : on_chip.layers) l.bytes.clear();
  CHECK(offchip_level(on_chip.layers).empty());
  CHECK(render_bandwidth_chart(on_chip, "bw").find("<svg") == std::string::npos);
}

}  // namespace
}  // namespace axsim::reports
