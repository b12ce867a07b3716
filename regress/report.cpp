#include "regress/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace axsim::regress {

namespace {

nlohmann::json number_or_null(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// JSON has no infinity; a change from zero is reported as null with the note kept.
nlohmann::json change_json(const Check& check) {
  return std::isfinite(check.change) ? nlohmann::json(check.change) : nlohmann::json(nullptr);
}

}  // namespace

std::string percent_text(double relative) {
  if (std::isinf(relative)) return relative > 0 ? "+inf%" : "-inf%";
  char text[32];
  std::snprintf(text, sizeof text, "%+.3f%%", relative * 100);
  return text;
}

std::string number_text(const std::optional<double>& value) {
  if (!value) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", *value);
  return text;
}

std::string change_text(const Check& check) {
  return check.golden && check.now ? percent_text(check.change) : "-";
}

std::string tolerance_text(const Check& check) {
  return check.golden && check.now ? percent_text(check.tolerance).substr(1) : "-";
}

void print_table(std::ostream& out, const std::vector<CaseVerdict>& verdicts) {
  std::vector<std::vector<std::string>> rows = {
      {"case", "metric", "golden", "now", "change", "tolerance", "result", ""}};
  for (const CaseVerdict& v : verdicts) {
    for (const Check& c : v.checks) {
      rows.push_back({v.name, c.metric, number_text(c.golden), number_text(c.now), change_text(c),
                      tolerance_text(c), c.pass ? "PASS" : "FAIL", c.note});
    }
  }
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      // Names left-aligned, numbers right-aligned so their digits line up.
      const bool numeric = i >= 2 && i <= 5;
      const std::string pad(width[i] - row[i].size(), ' ');
      line += (i == 0 ? "" : "  ") + (numeric ? pad + row[i] : row[i] + pad);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string report_json(const Suite& suite, const std::vector<CaseVerdict>& verdicts) {
  nlohmann::json cases = nlohmann::json::array();
  size_t failed = 0;
  for (const CaseVerdict& v : verdicts) {
    failed += !v.passed();
    nlohmann::json checks = nlohmann::json::array();
    for (const Check& c : v.checks) {
      checks.push_back({{"metric", c.metric},
                        {"golden", number_or_null(c.golden)},
                        {"now", number_or_null(c.now)},
                        {"change", change_json(c)},
                        {"tolerance", c.tolerance},
                        {"pass", c.pass},
                        {"note", c.note}});
    }
    cases.push_back({{"name", v.name},
                     {"pass", v.passed()},
                     {"golden", v.golden_path},
                     {"result", v.result_path},
                     {"checks", checks}});
  }
  const nlohmann::json report = {
      {"schema", "axsim-regress-report"}, {"schema_version", 1}, {"suite", suite.name},
      {"suite_file", suite.file},         {"pass", failed == 0}, {"cases_total", verdicts.size()},
      {"cases_failed", failed},           {"cases", cases}};
  return report.dump(2) + "\n";
}

}  // namespace axsim::regress
