// `axsim report`: one or more result JSONs (docs/result-format.md) into one self-contained
// HTML page: inline CSS, inline SVG charts, a few lines of inline script, no network access.
// The same results always give the same bytes (no generation time is written).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/result_view.h"

namespace axsim::reports {

// With two or more results, a comparison table precedes the per-result sections.
// Throws core::InputError when a result lacks keys the report needs.
std::string render_html_report(const std::vector<nlohmann::json>& results);

}  // namespace axsim::reports
