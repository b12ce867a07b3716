#include "regress/html_diff.h"

#include "regress/report.h"
#include "reports/html_escape.h"
#include "reports/report_style.h"

namespace axsim::regress {

namespace {

using reports::escape_html;

// What the result page's stylesheet lacks: a verdict colour for rows and case headings.
constexpr const char* kVerdictCss = R"CSS(
tr.fail td { background: #fdecea; }
.verdict-pass { color: #1a7f37; font-weight: 600; }
.verdict-fail { color: #cf222e; font-weight: 600; }
table.checks { margin-bottom: 8px; }
)CSS";

std::string cell(const std::string& text, bool numeric) {
  return std::string(numeric ? "<td class=\"num\">" : "<td>") + escape_html(text) + "</td>";
}

std::string verdict_span(bool pass) {
  return pass ? "<span class=\"verdict-pass\">PASS</span>"
              : "<span class=\"verdict-fail\">FAIL</span>";
}

std::string check_row(const Check& c) {
  return std::string(c.pass ? "<tr>" : "<tr class=\"fail\">") + cell(c.metric, false) +
         cell(number_text(c.golden), true) + cell(number_text(c.now), true) +
         cell(change_text(c), true) + cell(tolerance_text(c), true) + "<td>" +
         verdict_span(c.pass) + "</td>" + cell(c.note, false) + "</tr>\n";
}

std::string case_section(const CaseVerdict& v) {
  std::string out = "<section>\n<h2>" + escape_html(v.name) + " " + verdict_span(v.passed()) +
                    "</h2>\n<div class=\"meta\"><span>golden <b>" + escape_html(v.golden_path) +
                    "</b></span><span>result <b>" +
                    escape_html(v.result_path.empty() ? "none (the run failed)" : v.result_path) +
                    "</b></span></div>\n";
  out +=
      "<table class=\"checks\">\n<thead><tr><th>metric</th><th class=\"num\">golden</th>"
      "<th class=\"num\">now</th><th class=\"num\">change</th><th class=\"num\">tolerance</th>"
      "<th>result</th><th>note</th></tr></thead>\n<tbody>\n";
  for (const Check& c : v.checks) out += check_row(c);
  return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string html_diff(const Suite& suite, const std::vector<CaseVerdict>& verdicts) {
  const size_t failed = count_failed(verdicts);
  const std::string title = "axsim regress: " + suite.name;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" +
      escape_html(title) + "</title>\n<style>" + reports::report_css() + kVerdictCss +
      "</style>\n</head>\n<body>\n<main>\n<h1>" + escape_html(title) +
      "</h1>\n<div class=\"meta\"><span>suite <b>" + escape_html(suite.file) +
      "</b></span></div>\n";
  out += "<p class=\"summary\">" + verdict_span(failed == 0) + " " +
         std::to_string(verdicts.size() - failed) + " of " + std::to_string(verdicts.size()) +
         " cases within tolerance" +
         (failed == 0 ? "" : "; " + std::to_string(failed) + " regressed") + "</p>\n";
  for (const CaseVerdict& v : verdicts) out += case_section(v);
  out +=
      "<footer>Written by axsim regress. Change is (now &minus; golden) / |golden|; a check "
      "passes when its size is within the tolerance (docs/regression.md).</footer>\n";
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace axsim::regress
