// `axsim report --csv`: every layer of every result as one CSV row (RFC 4180), for
// spreadsheets and scripts that want the per-layer numbers without parsing result JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace axsim::reports {

// A field quoted when it holds a comma, a double quote, CR or LF; quotes inside doubled.
std::string csv_field(const std::string& text);

// Shortest decimal that reads back as exactly `value` ("0.1", "2.5e-07"); whole numbers
// below 2^53 without an exponent ("118013952", not "1.18013952e+08").
std::string csv_number(double value);

// Header row, then one row per layer per result, in the order given; CRLF line ends.
// Throws core::InputError naming the result when it lacks keys the table needs.
std::string render_layer_csv(const std::vector<nlohmann::json>& results);

}  // namespace axsim::reports
