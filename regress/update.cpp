#include "regress/update.h"

#include <fstream>
#include <sstream>

#include "models/core/error.h"
#include "regress/compare.h"
#include "regress/golden.h"
#include "regress/report.h"

namespace axsim::regress {

namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string changes(const Snapshot& golden, const Snapshot& now, const Tolerances& tolerances) {
  std::string out;
  for (const Check& check : compare(golden, now, tolerances)) {
    if (check.pass && check.change == 0) continue;
    const bool numeric = check.golden && check.now && check.metric != "layers";
    out += (out.empty() ? "" : ", ") + check.metric + " " +
           (numeric ? percent_text(check.change) : check.note);
    if (check.metric == "layer latency_s") out += " (" + check.note + ")";
  }
  return out.empty() ? "source metadata only" : out;
}

}  // namespace

std::string update_golden(const Case& c, const Snapshot& now) {
  const std::string text = golden_text(c.name, now);
  std::string what;
  try {
    const std::optional<Snapshot> golden = read_golden(c.golden);
    if (!golden) {
      what = "created";
    } else if (file_text(c.golden) == text) {
      return "unchanged";
    } else {
      what = "updated: " + changes(*golden, now, c.tolerances);
    }
  } catch (const core::InputError& e) {
    what = std::string("replaced an unreadable golden (") + e.what() + ")";
  }
  write_golden(c.golden, c.name, now);
  return what;
}

}  // namespace axsim::regress
