// The sweep page: its front drawn highlighted, escaping, failed points, refusing bad lines.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "reports/sweep_report.h"

namespace axsim::reports {
namespace {

namespace fs = std::filesystem;

nlohmann::json point(int index, const std::string& rows, double latency_s, double energy_j,
                     bool pareto) {
  return {{"index", index},
          {"config", "configs/systolic/tpu-v1.yaml"},
          {"workload", "workloads/traces/tiny.json"},
          {"settings", {{"systolic.array.rows", rows}}},
          {"status", "ok"},
          {"pareto", pareto},
          {"summary",
           {{"latency_s", latency_s},
            {"energy_j", energy_j},
            {"inferences_per_s", 1 / latency_s},
            {"average_power_w", energy_j / latency_s},
            {"utilization", 0.5},
            {"stall", {{"compute_s", latency_s}, {"memory_s", 0.0}, {"other_s", 0.0}}}}}};
}

// Two points trade latency for energy (the front); the third is worse than both on both.
SweepView three_points() {
  return {"demo",
          {sweep_point_of(point(0, "64", 2e-3, 1e-3, true)),
           sweep_point_of(point(1, "128", 1e-3, 2e-3, true)),
           sweep_point_of(point(2, "256", 3e-3, 3e-3, false))}};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The <circle> whose tooltip starts with "#<index> ".
std::string circle_of(const std::string& html, int index) {
  const auto title = html.find("<title>#" + std::to_string(index) + " ");
  REQUIRE(title != std::string::npos);
  return html.substr(html.rfind("<circle", title), title - html.rfind("<circle", title));
}

fs::path write_jsonl(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("axsim_test_sweep_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "results.jsonl", std::ios::binary) << text;
  return dir / "results.jsonl";
}

TEST_CASE("the front is drawn large and coloured, dominated points small and grey", "[report]") {
  const std::string html = render_sweep_report(three_points(), ScatterKeys{});
  CHECK(circle_of(html, 0).find("class=\"pareto\"") != std::string::npos);
  CHECK(circle_of(html, 1).find("class=\"pareto\"") != std::string::npos);
  CHECK(circle_of(html, 1).find("r=\"6\"") != std::string::npos);
  CHECK(circle_of(html, 2).find("class=\"dominated\"") != std::string::npos);
  CHECK(circle_of(html, 2).find("r=\"3.5\"") != std::string::npos);
  CHECK(count(html, "class=\"front-line\"") == 1);
  CHECK(html.find("rows=256") != std::string::npos);
}

TEST_CASE("the plotted front follows --x and --y, maximising throughput", "[report]") {
  // More throughput is better: point 2 costs the most energy for the least throughput.
  const std::vector<double> energy = {1e-3, 2e-3, 3e-3};
  const std::vector<double> throughput = {500, 1000, 333};
  CHECK(scatter_front(energy, throughput, {"energy_j", "inferences_per_s"}) ==
        std::vector<bool>{true, true, false});
  CHECK(scatter_front({1, 1, 2}, {1, 1, 0.5}, {"latency_s", "energy_j"}) ==
        std::vector<bool>{true, true, true});
}

TEST_CASE("strings from the sweep are escaped", "[report]") {
  SweepView sweep = three_points();
  sweep.name = "<b>sweep</b>";
  sweep.points[0].settings["systolic.array.rows"] = "<script>alert(1)</script>";
  sweep.points[1].workload = "w\" onload=\"x.json";
  const std::string html = render_sweep_report(sweep, ScatterKeys{});
  CHECK(html.find("<script>alert(1)") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<b>sweep</b>") == std::string::npos);
  CHECK(html.find("\" onload") == std::string::npos);
  CHECK(count(html, "<script") == 1);
}

TEST_CASE("failed points are listed with their errors", "[report]") {
  SweepView sweep = three_points();
  sweep.points[2].status = "failed";
  sweep.points[2].error = "invalid bandwidth '34 GHz' & <more>";
  sweep.points[2].summary = nullptr;
  const std::string html = render_sweep_report(sweep, ScatterKeys{});
  CHECK(html.find("Failed points (1)") != std::string::npos);
  CHECK(html.find("invalid bandwidth &#39;34 GHz&#39; &amp; &lt;more&gt;") != std::string::npos);
  CHECK(html.find("<title>#2 ") == std::string::npos);
}

TEST_CASE("a bad line is refused with its file and line", "[report]") {
  const std::string good = point(0, "64", 1e-3, 1e-3, true).dump();
  const fs::path path = write_jsonl("bad_line", good + "\n{not json\n");
  CHECK_THROWS_WITH(load_sweep_file(path.string()),
                    Catch::Contains(path.string() + ":2: not a JSON object"));
  nlohmann::json incomplete = point(1, "64", 1e-3, 1e-3, true);
  incomplete.erase("status");
  const fs::path other = write_jsonl("incomplete", good + "\n\n" + incomplete.dump() + "\n");
  CHECK_THROWS_AS(load_sweep_file(other.string()), core::InputError);
  CHECK_THROWS_WITH(load_sweep_file(other.string()), Catch::Contains(":3: incomplete"));
}

TEST_CASE("a sweep file loads with its folder as its name", "[report]") {
  const fs::path path = write_jsonl("named", point(0, "64", 1e-3, 1e-3, true).dump() + "\n");
  const SweepView sweep = load_sweep_file(path.string());
  CHECK(sweep.name == "axsim_test_sweep_named");
  REQUIRE(sweep.points.size() == 1);
  CHECK(sweep.points[0].settings.at("systolic.array.rows") == "64");
  CHECK_THROWS_AS(render_sweep_report(sweep, {"latency_s", "no_such_key"}), core::InputError);
}

}  // namespace
}  // namespace axsim::reports
