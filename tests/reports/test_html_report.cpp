// The whole page: escaping, loading and refusing inputs, comparison, determinism.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "reports/html_report.h"
#include "reports/summary_text.h"
#include "tests/reports/result_fixture.h"

namespace axsim::reports {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test case under the system temp directory.
fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("axsim_test_reports_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// The message of the InputError load_result_file throws, or "" when it throws none.
std::string load_error(const std::string& path) {
  try {
    load_result_file(path);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("strings from the result are escaped, never raw markup", "[report]") {
  nlohmann::json result = test::small_result("<b>net</b>");
  result["layers"][0]["name"] = "<script>alert(1)</script>";
  result["meta"]["config_name"] = "cfg\" onload=\"x";
  const std::string html = render_html_report({result});
  CHECK(html.find("<script>alert(1)</script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<b>net</b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;net&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("cfg\" onload") == std::string::npos);
  // The page's own script is the only one.
  std::size_t scripts = 0;
  for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
    ++scripts;
  }
  CHECK(scripts == 1);
}

TEST_CASE("a valid result file loads", "[report]") {
  const fs::path dir = scratch_dir("valid");
  const std::string path = write_file(dir / "result.json", test::small_result().dump());
  CHECK(load_result_file(path)["meta"]["trace_name"] == "tiny-net");
}

TEST_CASE("bad inputs are InputErrors that name the file", "[report]") {
  const fs::path dir = scratch_dir("bad");
  nlohmann::json other_schema = test::small_result();
  other_schema["schema"] = "something-else";
  nlohmann::json future = test::small_result();
  future["schema_version"] = 99;
  nlohmann::json no_layers = test::small_result();
  no_layers.erase("layers");

  const std::string missing = (dir / "missing.json").string();
  const std::string not_json = write_file(dir / "not_json.json", "{ this is not json");
  const std::string wrong_schema = write_file(dir / "wrong_schema.json", other_schema.dump());
  const std::string bare_array = write_file(dir / "array.json", "[1, 2, 3]");
  const std::string unknown_version = write_file(dir / "version.json", future.dump());
  const std::string incomplete = write_file(dir / "incomplete.json", no_layers.dump());

  CHECK_THAT(load_error(missing), Catch::Contains(missing) && Catch::Contains("cannot open"));
  CHECK_THAT(load_error(not_json), Catch::Contains(not_json) && Catch::Contains("not valid JSON"));
  CHECK_THAT(load_error(wrong_schema),
             Catch::Contains(wrong_schema) && Catch::Contains("not an axsim result"));
  CHECK_THAT(load_error(bare_array), Catch::Contains(bare_array));
  CHECK_THAT(load_error(unknown_version),
             Catch::Contains(unknown_version) && Catch::Contains("schema_version 99"));
  CHECK_THAT(load_error(incomplete), Catch::Contains(incomplete) && Catch::Contains("layers"));
}

TEST_CASE("the comparison table appears only with two or more results", "[report]") {
  const nlohmann::json a = test::small_result("net-a");
  const nlohmann::json b = test::small_result("net-b");
  const std::string one = render_html_report({a});
  const std::string two = render_html_report({a, b});
  CHECK(one.find("id=\"comparison\"") == std::string::npos);
  REQUIRE(two.find("id=\"comparison\"") != std::string::npos);
  // Before the per-result sections, each of which gets its own charts.
  CHECK(two.find("id=\"comparison\"") < two.find("id=\"result-0\""));
  CHECK(two.find("id=\"layer-chart-1\"") != std::string::npos);
  CHECK(two.find("id=\"roofline-1\"") != std::string::npos);
  CHECK(two.find("2. net-b on tiny-acc") != std::string::npos);
}

TEST_CASE("the same results give the same bytes", "[report]") {
  const nlohmann::json a = test::small_result("net-a");
  const nlohmann::json b = test::small_result("net-b");
  CHECK(render_html_report({a, b}) == render_html_report({a, b}));
}

TEST_CASE("the page is self-contained with charts and a sortable layer table", "[report]") {
  const std::string html = render_html_report({test::small_result()});
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  for (const char* id : {"layer-chart-0", "roofline-0", "energy-chart-0", "layer-table-0"}) {
    CHECK(html.find(std::string("id=\"") + id + "\"") != std::string::npos);
  }
  CHECK(html.find("class=\"layers sortable\"") != std::string::npos);
  // Numeric columns sort on exact values, not on the formatted text.
  CHECK(html.find("data-v=\"7.5000000000000002e-06\"") != std::string::npos);
}

TEST_CASE("where the time goes states what the numbers show", "[report]") {
  const auto sentences = where_the_time_goes(view_of(test::small_result()));
  REQUIRE(sentences.size() == 4);
  // 7 us of 15 us memory stall leads; 6 us compute; 1.5 us other.
  CHECK_THAT(sentences[0], Catch::StartsWith("47% of the 15.0 us latency is memory stall"));
  CHECK_THAT(sentences[0], Catch::Contains("40% compute"));
  // fc moves 400 kB at 100 GB/s (4 us) against 1 us of compute: DRAM-bound; conv1 is not.
  CHECK_THAT(sentences[1], Catch::Contains("The 3 slowest layers (fc, conv1, relu"));
  CHECK_THAT(sentences[1], Catch::Contains("fc is DRAM-bound: its DRAM traffic (391 KiB) takes 4.00 us"));
  CHECK_THAT(sentences[3], Catch::Contains("largest energy component is dram, 60%"));
}

}  // namespace
}  // namespace axsim::reports
