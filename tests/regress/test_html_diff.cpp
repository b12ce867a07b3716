// The HTML diff page of `axsim regress`: failing rows are marked and every string is escaped.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "regress/html_diff.h"

using namespace axsim::regress;

namespace {

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

Check number_check(const std::string& metric, double golden, double now, bool pass) {
  return {metric, golden, now, (now - golden) / golden, 0.001, pass, ""};
}

Suite suite_named(const std::string& name) {
  Suite s;
  s.name = name;
  s.file = "configs/regress/default.yaml";
  return s;
}

std::vector<CaseVerdict> verdicts() {
  CaseVerdict ok{
      "resnet50-tpu-v1",
      "g/resnet50-tpu-v1.json",
      "out/0/result.json",
      {number_check("latency_s", 1e-3, 1e-3, true), number_check("energy_j", 0.02, 0.02, true)},
      2.5};
  Check renamed{"layers", 2, 2, 0, 0, false, "layer 1: golden 'fc' (matmul), now '<b>' (matmul)"};
  CaseVerdict slow{"bert<&>",
                   "g/bert.json",
                   "out/1/result.json",
                   {number_check("latency_s", 1e-3, 2e-3, false), renamed},
                   3.0};
  return {ok, slow};
}

}  // namespace

TEST_CASE("regress html: a self-contained page with the summary line and a table per case") {
  const std::string html = html_diff(suite_named("default"), verdicts());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_THAT(html, Catch::Contains("<style>") && Catch::Contains("</html>"));
  CHECK_THAT(html, !Catch::Contains("<link") && !Catch::Contains("src=\"http"));
  CHECK_THAT(html, Catch::Contains("1 of 2 cases within tolerance"));
  CHECK(count_of(html, "<table class=\"checks\">") == 2);
  CHECK(count_of(html, "<tr>") + count_of(html, "<tr class=\"fail\">") == 2 + 4);
  CHECK_THAT(html, Catch::Contains("+100.000%") && Catch::Contains("0.100%"));
}

TEST_CASE("regress html: exactly the failing rows are marked") {
  const std::string html = html_diff(suite_named("default"), verdicts());
  CHECK(count_of(html, "<tr class=\"fail\">") == 2);
  const size_t failing_row = html.find("<tr class=\"fail\"><td>latency_s</td>");
  REQUIRE(failing_row != std::string::npos);
  CHECK(html.find("FAIL", failing_row) < html.find("</tr>", failing_row));
  CHECK(html.find("<tr class=\"fail\"><td>energy_j</td>") == std::string::npos);
}

TEST_CASE("regress html: suite, case names and notes are escaped") {
  const std::string html = html_diff(suite_named("s<script>'\"&"), verdicts());
  CHECK_THAT(html, !Catch::Contains("<script>") && !Catch::Contains("bert<&>") &&
                       !Catch::Contains("'<b>'"));
  CHECK_THAT(html, Catch::Contains("s&lt;script&gt;&#39;&quot;&amp;"));
  CHECK_THAT(html, Catch::Contains("bert&lt;&amp;&gt;"));
  CHECK_THAT(html, Catch::Contains("now &#39;&lt;b&gt;&#39; (matmul)"));
}
