#include "regress/junit.h"

#include <cstdio>

#include "regress/report.h"
#include "reports/html_escape.h"

namespace axsim::regress {

namespace {

// XML 1.0 cannot carry control characters even as references, and a run's error line may
// hold some (terminal colours in stderr), so they become spaces before escaping.
std::string xml_text(const std::string& text) {
  std::string printable = text;
  for (char& c : printable) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') c = ' ';
  }
  return reports::escape_html(printable);
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

// "latency_s: golden 0.001, now 0.002, change +100.000%, tolerance 0.100%" for a number;
// the note alone when there is none (missing golden, failed run, renamed layer).
std::string describe_failure(const Check& c) {
  std::string line = c.metric + ":";
  if (c.golden || c.now) {
    line += " golden " + number_text(c.golden) + ", now " + number_text(c.now) + ", change " +
            change_text(c) + ", tolerance " + tolerance_text(c);
    if (!c.note.empty()) line += ";";
  }
  return c.note.empty() ? line : line + " " + c.note;
}

std::string failure_element(const CaseVerdict& v) {
  std::string message;
  std::string body;
  for (const Check& c : v.checks) {
    if (c.pass) continue;
    const std::string line = describe_failure(c);
    message += (message.empty() ? "" : "; ") + line;
    body += line + "\n";
  }
  const bool run_failed = v.result_path.empty();
  return "    <failure message=\"" + xml_text(message) + "\" type=\"" +
         (run_failed ? "run failed" : "regressed") + "\">" + xml_text(body) + "</failure>\n";
}

}  // namespace

std::string junit_xml(const Suite& suite, const std::vector<CaseVerdict>& verdicts,
                      double elapsed_s) {
  const std::string suite_name = xml_text(suite.name);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + suite_name +
                    "\" tests=\"" + std::to_string(verdicts.size()) + "\" failures=\"" +
                    std::to_string(count_failed(verdicts)) +
                    "\" errors=\"0\" skipped=\"0\" time=\"" + seconds_text(elapsed_s) + "\">\n";
  for (const CaseVerdict& v : verdicts) {
    out += "  <testcase classname=\"" + suite_name + "\" name=\"" + xml_text(v.name) +
           "\" time=\"" + seconds_text(v.wall_time_s) + "\"";
    out += v.passed() ? "/>\n" : ">\n" + failure_element(v) + "  </testcase>\n";
  }
  return out + "</testsuite>\n";
}

}  // namespace axsim::regress
