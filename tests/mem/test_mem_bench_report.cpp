// The mem-bench page: read from bandwidth_latency.json, one curve per pattern, the peak
// marked, every point in the table, and a clear error for a file that is not mem-bench's.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "reports/mem_bench_report.h"

namespace {

nlohmann::json row(const std::string& pattern, double load, double bandwidth, double latency) {
  return {{"pattern", pattern},
          {"saturation", load == 0},
          {"offered_load", load},
          {"offered_bytes_per_s", load * 800e9},
          {"bandwidth_bytes_per_s", bandwidth},
          {"latency_mean_s", latency},
          {"latency_p99_s", 2 * latency},
          {"row_hit_rate", 0.5}};
}

nlohmann::json results() {
  return {{"memory",
           {{"name", "hbm3 <test>"},
            {"standard", "HBM3"},
            {"file", "configs/mem/hbm3.yaml"},
            {"peak_bandwidth_bytes_per_s", 800e9},
            {"capacity_bytes", 8.0 * (1 << 30)},
            {"unloaded_read_latency_s", 39.4e-9}}},
          {"rows",
           {row("sequential_read", 0.25, 200e9, 40e-9), row("sequential_read", 0.5, 400e9, 45e-9),
            row("sequential_read", 0, 700e9, 900e-9), row("random_read", 0.25, 150e9, 60e-9),
            row("random_read", 1.0, 300e9, 2e-6)}}};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("mem-bench page: one curve per pattern in the order the results list them") {
  const auto view = axsim::reports::mem_bench_view(results());
  REQUIRE(view.series.size() == 2);
  CHECK(view.series[0].pattern == "sequential_read");
  CHECK(view.series[0].points.size() == 3);
  CHECK(view.series[0].points.back().saturation);
  CHECK(view.series[1].pattern == "random_read");
  const std::string svg = axsim::reports::render_mem_bench_chart(view, "chart");
  CHECK(occurrences(svg, "<polyline class=\"curve\"") == 2);
  CHECK(occurrences(svg, "<circle") == 5);
  CHECK_THAT(svg, Catch::Contains("peak 800 GB/s"));
  // Latencies from 40 ns to 2 us span more than a decade: the axis turns logarithmic.
  CHECK_THAT(svg, Catch::Contains("mean latency (log scale)"));
  CHECK_THAT(svg, Catch::Contains("random_read, offered 100% of peak: 300 GB/s (38% of peak)"));
  CHECK_THAT(svg, Catch::Contains("sequential_read, every request at once: 700 GB/s"));
}

TEST_CASE("mem-bench page: a self-contained page with every point in a sortable table") {
  const std::string page =
      axsim::reports::render_mem_bench_page(axsim::reports::mem_bench_view(results()));
  CHECK_THAT(page, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(page, Catch::Contains("axsim mem-bench: hbm3 &lt;test&gt;"));
  CHECK(page.find("hbm3 <test>") == std::string::npos);
  CHECK(occurrences(page, "<tr><td data-v=") == 5);
  CHECK_THAT(page, Catch::Contains(">saturation</td>"));
  CHECK_THAT(page, Catch::Contains("unloaded read <b>39.4 ns</b>"));
  CHECK_THAT(page, Catch::Contains("table.sortable"));
  CHECK(page.find("http://") == page.find("http://www.w3.org/2000/svg"));
}

TEST_CASE("mem-bench page: a row without its bandwidth is an error naming the row and the key") {
  nlohmann::json broken = results();
  broken["rows"][3].erase("bandwidth_bytes_per_s");
  CHECK_THROWS_WITH(axsim::reports::mem_bench_view(broken),
                    Catch::Contains("rows[3]") && Catch::Contains("bandwidth_bytes_per_s"));
}
