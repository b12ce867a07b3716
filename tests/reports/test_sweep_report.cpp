// The sweep page from a results.jsonl written here: its Pareto points, escaping and failures.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "reports/sweep_report.h"

using namespace axsim;
namespace fs = std::filesystem;

namespace {

std::string point_line(int index, const std::string& rows, double latency, double energy,
                       const std::string& status = "ok") {
  std::string line = "{\"index\": " + std::to_string(index) +
                     ", \"config\": \"c.yaml\", \"workload\": \"w/net.json\", \"status\": \"" +
                     status + "\", \"settings\": {\"a.rows\": \"" + rows + "\"}";
  if (status == "failed") return line + ", \"error\": \"bad <unit>\"}\n";
  return line + ", \"summary\": {\"latency_s\": " + std::to_string(latency) +
         ", \"energy_j\": " + std::to_string(energy) +
         ", \"inferences_per_s\": 1.0, \"average_power_w\": 1.0, \"utilization\": 0.5, "
         "\"stall\": {\"compute_s\": 0.5, \"memory_s\": 0.5, \"other_s\": 0.0}}}\n";
}

std::string write_jsonl(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("axsim-sweep-report-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "results.jsonl") << text;
  return (dir / "results.jsonl").string();
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("sweep report: Pareto points are highlighted, dominated ones are not") {
  // (latency, energy): 0 and 2 trade off; 1 is dominated by 0.
  const std::string path = write_jsonl(
      "front", point_line(0, "64", 1.0, 1.0) + point_line(1, "128", 2.0, 2.0) +
                   point_line(2, "256", 0.5, 3.0));
  const std::string html =
      reports::render_sweep_report(reports::load_sweep_file(path), reports::ScatterKeys{});
  CHECK(count(html, "<circle class=\"pareto\"") == 2);
  CHECK(count(html, "<circle class=\"dominated\"") == 1);
  CHECK_THAT(html, Catch::Contains("front-line"));
}

TEST_CASE("sweep report: settings and errors are escaped, failed points are listed") {
  const std::string path = write_jsonl(
      "escape", point_line(0, "<script>x</script>", 1.0, 1.0) + point_line(1, "8", 0, 0, "failed"));
  const std::string html =
      reports::render_sweep_report(reports::load_sweep_file(path), reports::ScatterKeys{});
  CHECK_THAT(html, !Catch::Contains("<script>x</script>"));
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;x&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("id=\"failed\""));
  CHECK_THAT(html, Catch::Contains("bad &lt;unit&gt;"));
}

TEST_CASE("sweep report: a broken line is an error naming the file and line") {
  const std::string path = write_jsonl("broken", point_line(0, "64", 1.0, 1.0) + "{not json\n");
  try {
    reports::load_sweep_file(path);
    FAIL("no error");
  } catch (const core::InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("results.jsonl:2"));
  }
}
