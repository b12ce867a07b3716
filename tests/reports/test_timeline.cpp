// The trace-event timeline: the fields Perfetto and chrome://tracing require, tracks that
// never overlap as Perfetto reads them, counters, and refusing incomplete results.
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "reports/timeline.h"
#include "tests/reports/result_fixture.h"

namespace axsim::reports {
namespace {

using nlohmann::json;

// Gives the fixture's layers back-to-back start times, as a simulation would.
json sequential(json result) {
  double start_s = 0;
  for (json& layer : result["layers"]) {
    layer["start_s"] = start_s;
    start_s += layer["latency_s"].get<double>();
  }
  return result;
}

// Perfetto's reading of a microsecond timestamp: int64(value * 1000), truncated.
std::int64_t perfetto_ns(const json& us) {
  return static_cast<std::int64_t>(us.get<double>() * 1000.0);
}

json parse_timeline(const std::vector<json>& results) {
  const json trace = json::parse(render_timeline(results));
  REQUIRE(trace.is_object());
  REQUIRE(trace.at("traceEvents").is_array());
  return trace;
}

std::vector<json> events_with_phase(const json& trace, const std::string& ph) {
  std::vector<json> out;
  for (const json& e : trace["traceEvents"]) {
    if (e.at("ph") == ph) out.push_back(e);
  }
  return out;
}

// Every complete event has what the format requires, and on each (pid, tid) the events are
// sorted and do not overlap in Perfetto's nanoseconds.
void check_tracks(const json& trace) {
  std::map<std::pair<int, int>, std::int64_t> track_end_ns;
  for (const json& e : events_with_phase(trace, "X")) {
    REQUIRE(e.at("name").is_string());
    REQUIRE(e.at("cat").is_string());
    REQUIRE(e.at("pid").is_number_integer());
    REQUIRE(e.at("tid").is_number_integer());
    REQUIRE(e.at("ts").is_number());
    REQUIRE(e.at("dur").is_number());
    REQUIRE(e.at("args").is_object());
    for (const char* key : {"op", "unit", "macs", "compute_us", "memory_us", "other_us",
                            "utilization", "dram_bytes"}) {
      CHECK(e["args"].contains(key));
    }
    const auto track = std::make_pair(e["pid"].get<int>(), e["tid"].get<int>());
    const std::int64_t start_ns = perfetto_ns(e["ts"]);
    CHECK(perfetto_ns(e["dur"]) >= 0);
    if (track_end_ns.count(track) > 0) CHECK(start_ns >= track_end_ns[track]);
    track_end_ns[track] = start_ns + perfetto_ns(e["dur"]);
  }
}

TEST_CASE("timeline microseconds read back as the exact nanosecond", "[timeline]") {
  for (std::int64_t ns = 0; ns < 200000; ++ns) {
    const double us = json::parse(json(trace_microseconds(ns)).dump()).get<double>();
    REQUIRE(static_cast<std::int64_t>(us * 1000.0) == ns);
  }
  CHECK(trace_microseconds(1500) == 1.5);
  CHECK(trace_microseconds(1001) > 1.001);  // 1.001 * 1000 is 1000.9999999999999
  const std::int64_t hour_ns = 3600LL * 1000 * 1000 * 1000 + 289;
  CHECK(static_cast<std::int64_t>(trace_microseconds(hour_ns) * 1000.0) == hour_ns);
}

TEST_CASE("timeline has one process per result and one track per unit", "[timeline]") {
  const json trace = parse_timeline(
      {sequential(test::small_result("net-a")), sequential(test::small_result("net-b"))});
  check_tracks(trace);
  std::map<int, std::string> processes;
  std::set<std::pair<int, std::string>> threads;
  for (const json& e : events_with_phase(trace, "M")) {
    REQUIRE(e.at("args").is_object());
    if (e["name"] == "process_name") processes[e["pid"]] = e["args"]["name"];
    if (e["name"] == "thread_name") threads.emplace(e["pid"], e["args"]["name"]);
  }
  CHECK(processes ==
        std::map<int, std::string>{{1, "net-a on tiny-acc"}, {2, "net-b on tiny-acc"}});
  CHECK(threads == std::set<std::pair<int, std::string>>{
                       {1, "array"}, {1, "vector"}, {2, "array"}, {2, "vector"}});

  const auto layers = events_with_phase(trace, "X");
  REQUIRE(layers.size() == 6);
  // fc starts after conv1's 5.5 us and lasts 7.5 us, on the array track (tid 1).
  const json& fc = layers[1];
  CHECK(fc["name"] == "fc");
  CHECK(fc["cat"] == "linear");
  CHECK(fc["tid"] == 1);
  CHECK(perfetto_ns(fc["ts"]) == 5500);
  CHECK(perfetto_ns(fc["dur"]) == 7500);
  CHECK(fc["args"]["memory_us"].get<double>() == Approx(6.0));
  CHECK(fc["args"]["dram_bytes"].get<double>() == 4e5);
  CHECK(layers[2]["tid"] == 2);  // relu, on the vector track
}

TEST_CASE("timeline counters step per layer and return to zero", "[timeline]") {
  const json trace = parse_timeline({sequential(test::small_result())});
  std::map<std::string, std::vector<std::pair<std::int64_t, double>>> series;
  for (const json& e : events_with_phase(trace, "C")) {
    REQUIRE(e.at("args").size() == 1);
    const auto& [key, value] = *e["args"].items().begin();
    series[e.at("name").get<std::string>() + " " + key].emplace_back(perfetto_ns(e.at("ts")),
                                                                     value.get<double>());
  }
  const auto& dram = series.at("DRAM bandwidth (GB/s)");
  const auto& stall = series.at("Memory stall share (%)");
  REQUIRE(dram.size() == 4);
  REQUIRE(stall.size() == 4);
  // fc: 400 kB in 7.5 us is 53.3 GB/s, and 6 of its 7.5 us waited for memory.
  CHECK(dram[1].first == 5500);
  CHECK(dram[1].second == Approx(4e5 / 7.5e-6 / 1e9));
  CHECK(stall[1].second == Approx(80.0));
  CHECK(dram.back() == std::make_pair(std::int64_t{14500}, 0.0));  // 5.5 + 7.5 + 1.5 us
  for (std::size_t i = 1; i < dram.size(); ++i) CHECK(dram[i].first > dram[i - 1].first);
}

TEST_CASE("timeline puts shape-only layers on a track of zero-length slices", "[timeline]") {
  json result = test::small_result();
  result["layers"].insert(result["layers"].begin() + 1,
                          test::layer("flatten", "reshape", "none", 0, 0, 0, 0, 0));
  const json trace = parse_timeline({sequential(result)});
  check_tracks(trace);
  bool named = false;
  for (const json& e : events_with_phase(trace, "M")) {
    named =
        named || (e["name"] == "thread_name" && e["args"]["name"] == "none (shape-only layers)");
  }
  CHECK(named);
  const auto layers = events_with_phase(trace, "X");
  REQUIRE(layers.size() == 4);
  CHECK(layers[1]["name"] == "flatten");
  CHECK(layers[1]["dur"] == 0);
  CHECK(layers[1]["tid"] == 2);
}

TEST_CASE("timeline tracks never overlap, even when start times round across", "[timeline]") {
  // Many layers of awkward decimal lengths, each starting a little before the previous one
  // ends, more than rounding to nanoseconds absorbs.
  json result = test::small_result();
  json layers = json::array();
  for (int i = 0; i < 500; ++i) {
    layers.push_back(test::layer("l" + std::to_string(i), "conv2d", i % 3 ? "array" : "vector",
                                 0.289e-6 * (i % 7 + 1), 0.0137e-6 * i, 0.5e-6, 1e6, 1e4));
  }
  result["layers"] = layers;
  result = sequential(result);
  for (json& layer : result["layers"]) layer["start_s"] = layer["start_s"].get<double>() - 0.6e-9;
  result["layers"][0]["start_s"] = 0.0;
  const json trace = parse_timeline({result});
  check_tracks(trace);
  CHECK(events_with_phase(trace, "X").size() == 500);
}

TEST_CASE("timeline of an incomplete result is an InputError naming it", "[timeline]") {
  json result = test::small_result();
  result["layers"][1].erase("start_s");
  CHECK_THROWS_AS(render_timeline({test::small_result(), result}), core::InputError);
  CHECK_THROWS_WITH(render_timeline({test::small_result(), result}),
                    Catch::Contains("result 2") && Catch::Contains("start_s"));
}

}  // namespace
}  // namespace axsim::reports
