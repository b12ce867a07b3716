// The per-layer CSV: header, one row per layer per result, RFC 4180 quoting, numbers that
// read back exactly, and refusing incomplete results.
#include <cstdlib>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "reports/layer_csv.h"
#include "tests/reports/result_fixture.h"

namespace axsim::reports {
namespace {

using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes.
Rows parse_csv(const std::string& text) {
  Rows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = rows.back().back();
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      REQUIRE(field.empty());
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r') {
      REQUIRE(text.at(i + 1) == '\n');
      ++i;
      rows.emplace_back(1);
    } else {
      REQUIRE(c != '\n');
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(rows.back() == std::vector<std::string>(1));  // the text ends with CRLF
  rows.pop_back();
  return rows;
}

TEST_CASE("layer CSV has a header and one row per layer per result", "[csv]") {
  const Rows rows =
      parse_csv(render_layer_csv({test::small_result("net-a"), test::small_result("net-b")}));
  REQUIRE(rows.size() == 1 + 3 + 3);
  CHECK(rows[0] == std::vector<std::string>{"result", "trace", "config", "layer", "name", "op",
                                            "unit", "start_s", "latency_s", "compute_s", "memory_s",
                                            "other_s", "macs", "vector_ops", "utilization",
                                            "dram_bytes", "sram_bytes", "energy_j"});
  for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  CHECK(rows[2] == std::vector<std::string>{"1", "net-a", "tiny-acc", "1", "fc", "linear", "array",
                                            "0", "7.5e-06", "1e-06", "6e-06", "5e-07", "1000000",
                                            "0", "0.5", "400000", "800000", "3e-06"});
  CHECK(rows[4][0] == "2");
  CHECK(rows[4][1] == "net-b");
  CHECK(rows[4][3] == "0");
}

TEST_CASE("layer CSV quotes names with commas, quotes and line breaks", "[csv]") {
  json result = test::small_result("net, \"quoted\"");
  result["layers"][0]["name"] = "block1,conv \"3x3\"";
  result["layers"][1]["name"] = "two\r\nlines";
  const std::string text = render_layer_csv({result});
  CHECK(text.find("\"block1,conv \"\"3x3\"\"\"") != std::string::npos);
  const Rows rows = parse_csv(text);
  REQUIRE(rows.size() == 4);
  CHECK(rows[1][1] == "net, \"quoted\"");
  CHECK(rows[1][4] == "block1,conv \"3x3\"");
  CHECK(rows[2][4] == "two\r\nlines");
  CHECK(csv_field("plain") == "plain");
}

TEST_CASE("layer CSV numbers read back exactly", "[csv]") {
  for (const double value : {0.1, 1.0 / 3.0, 2.3832948e-05, 118013952.0, 6.02e23, 0.0, -4.5}) {
    CHECK(std::strtod(csv_number(value).c_str(), nullptr) == value);
  }
  CHECK(csv_number(118013952.0) == "118013952");
  CHECK(csv_number(6.02e23) == "6.02e+23");
  json result = test::small_result();
  result["layers"][0]["latency_s"] = 1.0 / 3.0;
  const Rows rows = parse_csv(render_layer_csv({result}));
  CHECK(std::strtod(rows[1][8].c_str(), nullptr) == 1.0 / 3.0);
}

TEST_CASE("layer CSV leaves a memory level the result lacks empty", "[csv]") {
  json result = test::small_result();
  result["layers"][0]["bytes"].erase("sram");
  const Rows rows = parse_csv(render_layer_csv({result}));
  CHECK(rows[1][16].empty());
  CHECK(rows[2][16] == "800000");
}

TEST_CASE("layer CSV of an incomplete result is an InputError naming it", "[csv]") {
  json result = test::small_result();
  result["layers"][2].erase("vector_ops");
  CHECK_THROWS_AS(render_layer_csv({result}), core::InputError);
  CHECK_THROWS_WITH(render_layer_csv({result}),
                    Catch::Contains("result 1") && Catch::Contains("vector_ops"));
}

}  // namespace
}  // namespace axsim::reports
