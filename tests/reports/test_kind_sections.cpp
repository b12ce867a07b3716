// The sections only some kinds of machine get, from their `details`: CIM power states,
// residency and ADC accuracy; the dataflow pipeline and plan. Fixtures are hand-written
// results in tests/reports/data/.
#include <catch2/catch.hpp>

#include "reports/cim_power_chart.h"
#include "reports/dataflow_section.h"
#include "reports/html_report.h"
#include "reports/pipeline_chart.h"
#include "reports/report_format.h"
#include "tests/reports/result_fixture.h"

namespace axsim::reports {
namespace {

nlohmann::json fixture(const std::string& name) {
  return load_result_file(std::string(AXSIM_SOURCE_DIR) + "/tests/reports/data/" + name);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

TEST_CASE("currents are written in nA, µA, mA or A by size", "[report]") {
  CHECK(format_current(243.175e-6) == "243 µA");
  CHECK(format_current(3.1e-3) == "3.10 mA");
  CHECK(format_current(2.5e-6) == "2.50 µA");
  CHECK(format_current(85e-9) == "85.0 nA");
  CHECK(format_current(0.9997e-3) == "1.00 mA");  // never "1000 µA"
  CHECK(format_current(1.5) == "1.50 A");
  CHECK(format_current(0) == "0 A");
}

TEST_CASE("a CIM result gets its power timeline, figures, residency and accuracy", "[report]") {
  const std::string html = render_html_report({fixture("cim_result.json")});
  REQUIRE(contains(html, "<div class=\"kind-section\" id=\"cim-0\">"));
  CHECK(contains(html, "svg .average {"));
  CHECK_FALSE(contains(html, "id=\"dataflow-0\""));
  // One band per timeline entry, each named after its state.
  CHECK(count(html, "class=\"state-band\"") == 4);
  for (const char* state : {"reprogram", "active", "idle", "sleep"}) {
    CHECK(contains(html, std::string("data-state=\"") + state + "\""));
  }
  CHECK(count(html, "<line class=\"average\"") == 1);
  CHECK(contains(html, "average 243 µA"));
  CHECK(contains(html, "frame period 33.3 ms"));
  // Key figures with units.
  CHECK(contains(html, "9.0%"));  // duty cycle: 3 ms of 33.3 ms
  CHECK(contains(html, "243 µA <span class=\"dim\">at 1.8 V"));
  CHECK(contains(html, "438 uW"));
  CHECK(contains(html, "3.10 mA / 250 µA / 2.50 µA"));
  CHECK(contains(html, "<span class=\"verdict-ok\">yes</span>"));
  CHECK(contains(html, "6 bits, 1.20 M conversions, busy 62%"));
  // Half a MiB of weights did not fit: the memory-wall line is highlighted.
  CHECK(contains(html,
                 "<tr class=\"memory-wall\"><th scope=\"row\">memory wall</th><td>512 KiB "
                 "reprogrammed, 0 B streamed; reprogramming took 400 us and 3.02 uJ"));
  CHECK(contains(html, "1.50 MiB / 1.00 MiB"));
  // Accuracy worst first.
  const auto table = html.find("id=\"cim-accuracy-0\"");
  REQUIRE(table != std::string::npos);
  const auto at = [&](const char* layer) {
    return html.find(std::string("<td data-v=\"") + layer + "\">", table);
  };
  CHECK(at("pw1") < at("dw1"));
  CHECK(at("dw1") < at("conv1"));
  CHECK(at("conv1") < at("fc"));
  CHECK(contains(html, "24.7 dB"));
  CHECK_FALSE(contains(html, "class=\"note details-error\""));
}

TEST_CASE("the power timeline spans one frame and goes log when currents span decades",
          "[report]") {
  const ResultView r = view_of(fixture("cim_result.json"));
  REQUIRE(r.cim);
  REQUIRE(r.cim->power);
  const PowerTimelineLayout l = layout_power_timeline(*r.cim->power);
  REQUIRE(l.bands.size() == 4);
  CHECK(l.log_current);  // 4.2 mA against 2.5 µA
  CHECK(l.time_max_s >= 1.0 / 30);
  const double px_per_s = l.plot_width / l.time_max_s;
  CHECK(l.bands[1].width == Approx(2e-3 * px_per_s));  // active, 2 ms
  CHECK(l.bands[1].x == Approx(l.plot_left + 0.4e-3 * px_per_s));
  // Taller for more current; the sleep band stays visible above the baseline.
  CHECK(l.bands[0].height > l.bands[1].height);
  CHECK(l.bands[1].height > l.bands[2].height);
  CHECK(l.bands[3].height > 10);
  // 243 µA: just under the top of the 250 µA idle band, far above the sleep band.
  CHECK(l.average_y > l.bands[2].y);
  CHECK(l.average_y < l.bands[3].y);

  CimPower flat = *r.cim->power;
  for (auto& s : flat.timeline) s.current_a = 1e-3 + s.start_s;  // all within a few mA
  CHECK_FALSE(layout_power_timeline(flat).log_current);
}

TEST_CASE("a dataflow result gets its pipeline, figures and plan", "[report]") {
  const std::string html = render_html_report({fixture("dataflow_result.json")});
  REQUIRE(contains(html, "<div class=\"kind-section\" id=\"dataflow-0\">"));
  CHECK_FALSE(contains(html, "id=\"cim-0\""));
  CHECK(contains(html, "<svg id=\"dataflow-pipeline-0\""));
  // One row per stage; exactly one, conv3, is the bottleneck.
  CHECK(count(html, "<g class=\"stage-row") == 4);
  CHECK(count(html, "<g class=\"stage-row bottleneck\"") == 1);
  CHECK(contains(html, "<g class=\"stage-row bottleneck\" data-layer=\"conv3\">"));
  CHECK(count(html, "<line class=\"context-boundary\"") == 1);
  // Key figures with units.
  CHECK(contains(html, "413 frames/s"));
  CHECK(contains(html, "1530 frames/s <span class=\"dim\">(×3.7 batch 1)"));
  CHECK(contains(html, "frames/s at batch 8"));
  CHECK(contains(html, "2.42 ms"));
  CHECK(contains(html, "120 us switching"));
  CHECK(contains(html, "<b>conv3</b> in context 1"));
  CHECK(contains(html, "8 clusters × 4 units per cluster"));
  // The plan: a heading row per context, clusters as ranges.
  CHECK(count(html, "<tr class=\"context-row\">") == 2);
  CHECK(contains(html, "context 1: 2 layers, 28 units, weights 896 KiB"));
  CHECK(contains(html, "<td>conv1</td><td>0–3</td>"));
  CHECK_FALSE(contains(html, "class=\"note details-error\""));
}

TEST_CASE("pipeline rows follow the stages' times and mark where contexts change", "[report]") {
  const ResultView r = view_of(fixture("dataflow_result.json"));
  REQUIRE(r.dataflow);
  REQUIRE(r.dataflow->pipeline);
  const DataflowPipeline& p = *r.dataflow->pipeline;
  const PipelineChartLayout l = layout_pipeline_chart(p);
  REQUIRE(l.rows.size() == 4);
  const double px_per_s = l.plot_width / l.time_max_s;
  CHECK(l.rows[2].busy_width == Approx(1.2e-3 * px_per_s));
  CHECK(l.rows[3].stall_in_width == Approx(0.95e-3 * px_per_s));
  CHECK(l.rows[1].span_x1 - l.rows[1].span_x0 == Approx((0.85e-3 - 0.10e-3) * px_per_s));
  CHECK(l.rows[2].bottleneck);
  CHECK_FALSE(l.rows[0].bottleneck);
  CHECK(l.rows[0].first_of_context);
  CHECK_FALSE(l.rows[1].first_of_context);
  CHECK(l.rows[2].first_of_context);
  REQUIRE(l.context_boundaries_y.size() == 1);
  CHECK(l.context_boundaries_y[0] == Approx(l.rows[2].y));
}

TEST_CASE("cluster lists read as ranges", "[report]") {
  CHECK(cluster_ranges({3, 0, 1, 2, 6}) == "0–3, 6");
  CHECK(cluster_ranges({7}) == "7");
  CHECK(cluster_ranges({}) == "");
  CHECK(cluster_ranges({1, 3, 5}) == "1, 3, 5");
}

TEST_CASE("a result without details has no kind section", "[report]") {
  const std::string html = render_html_report({test::small_result()});
  CHECK_FALSE(contains(html, "kind-section"));
  CHECK_FALSE(contains(html, "bottleneck-band"));  // nor the sections' stylesheet rules
  CHECK_FALSE(contains(html, "class=\"note details-error\""));
  nlohmann::json with_null = test::small_result();
  with_null["details"] = nullptr;
  CHECK(render_html_report({with_null}) == html);
  // Topics of no known kind are ignored.
  nlohmann::json other = test::small_result();
  other["details"] = {{"something", 1}};
  CHECK(render_html_report({other}) == html);
}

TEST_CASE("a layer whose sampled outputs were exact shows as exact and sorts last", "[report]") {
  nlohmann::json result = fixture("cim_result.json");
  result["details"]["accuracy"][0]["sqnr_db"] = nullptr;
  const std::string html = render_html_report({result});
  CHECK(contains(html, "cim-accuracy-0"));
  CHECK(contains(html, ">exact</td>"));
  CHECK_FALSE(contains(html, "expected a number, found null"));
  const std::string first_layer = result["details"]["accuracy"][0]["layer"].get<std::string>();
  const std::string second_layer = result["details"]["accuracy"][1]["layer"].get<std::string>();
  CHECK(html.find(">" + second_layer + "<") < html.find(">" + first_layer + "<"));
}

TEST_CASE("a malformed topic is left out with a note naming the key", "[report]") {
  nlohmann::json result = fixture("cim_result.json");
  result["details"]["power"]["timeline"] = "oops";
  result["details"]["accuracy"][1]["sqnr_db"] = "high";
  const std::string html = render_html_report({result});
  CHECK_FALSE(contains(html, "cim-power-0"));
  CHECK_FALSE(contains(html, "cim-accuracy-0"));
  CHECK(contains(html, "memory wall"));  // the residency topic is fine and still shown
  CHECK(contains(html, "details.power.timeline: expected an array, found a string"));
  CHECK(contains(html, "details.accuracy[1].sqnr_db: expected a number, found a string"));

  nlohmann::json dataflow = fixture("dataflow_result.json");
  dataflow["details"]["pipeline"]["stages"][0].erase("busy_s");
  dataflow["details"]["plan"]["contexts"][1]["layers"][0]["clusters"] = {0, "one"};
  const std::string df_html = render_html_report({dataflow});
  CHECK_FALSE(contains(df_html, "dataflow-pipeline-0"));
  CHECK_FALSE(contains(df_html, "dataflow-plan-0"));
  CHECK(contains(df_html, "details.pipeline.stages[0].busy_s: missing"));
  CHECK(contains(df_html,
                 "details.plan.contexts[1].layers[0].clusters[1]: expected an integer, "
                 "found a string"));
}

TEST_CASE("details that are not an object are noted, never a crash", "[report]") {
  nlohmann::json result = fixture("cim_result.json");
  result["details"] = nlohmann::json::array({1, 2});
  const std::string html = render_html_report({result});
  CHECK_FALSE(contains(html, "kind-section"));
  CHECK(contains(html, "details: expected an object, found array"));

  result["details"] = {{"power", 3}, {"pipeline", "x"}};
  const std::string both = render_html_report({result});
  CHECK(contains(both, "details.power: expected an object, found a number"));
  CHECK(contains(both, "details.pipeline: expected an object, found a string"));
}

}  // namespace
}  // namespace axsim::reports
