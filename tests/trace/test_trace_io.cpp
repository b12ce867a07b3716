#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "models/core/error.h"
#include "tests/trace/trace_fixture.h"
#include "workloads/trace/trace_io.h"
#include "workloads/trace/validate.h"

using namespace axsim::trace;
using axsim::core::InputError;
using Catch::Matchers::Contains;

namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("trace: the tiny example parses, validates and keeps its fields") {
  const Trace t = parse_trace_json(testing::tiny_trace_json().dump(), "tiny.json");
  validate_trace(t, "tiny.json");
  REQUIRE(t.layers.size() == 5);
  const Layer& conv = t.layers[0];
  CHECK(conv.op == Op::conv2d);
  CHECK(conv.attrs.kernel == std::array<int64_t, 2>{3, 3});
  CHECK(conv.attrs.padding == std::array<int64_t, 4>{1, 1, 1, 1});
  CHECK(conv.weights[0].tensor.bits == 4);
  CHECK(conv.weights[0].tensor.quant.scheme == QuantScheme::per_channel);
  CHECK(conv.weights[0].tensor.quant.scale.size() == 4);
  CHECK(conv.weights[1].tensor.bits == 32);  // defaults to the dtype width
  CHECK(conv.output.quant.zero_point == std::vector<int64_t>{-3});
  CHECK(t.layers[1].attrs.function == "relu");
  CHECK(t.layers[4].output.dtype == DType::fp16);
  CHECK(t.outputs == std::vector<std::string>{"fc"});
}

TEST_CASE("trace: JSON round trip is lossless and the writer is deterministic") {
  const Trace first = parse_trace_json(testing::tiny_trace_json().dump(), "tiny.json");
  const std::string text = trace_to_json(first);
  const Trace second = parse_trace_json(text, "round.json");
  CHECK(trace_to_json(second) == text);
  CHECK(second.description == first.description);
  CHECK(second.layers[0].weights[0].tensor.quant.scale ==
        first.layers[0].weights[0].tensor.quant.scale);
}

TEST_CASE("trace: writer omits default attributes and bits equal to the dtype width") {
  const std::string text =
      trace_to_json(parse_trace_json(testing::tiny_trace_json().dump(), "tiny.json"));
  CHECK_THAT(text, Contains("\"kernel\": [3, 3]"));
  CHECK_THAT(text, Contains("\"padding\": [1, 1, 1, 1]"));
  CHECK_THAT(text, !Contains("\"stride\""));
  CHECK_THAT(text, !Contains("\"groups\""));
  CHECK_THAT(text, Contains("\"bits\": 4"));
  CHECK_THAT(text, !Contains("\"bits\": 8"));
  CHECK_THAT(text, Contains("\"function\": \"relu\""));
}

TEST_CASE("trace: YAML file loads into the same trace as the JSON file") {
  const std::string dir = testing::make_temp_dir();
  const std::string yaml = R"(version: 1
name: tiny
description: conv + relu + linear, for tests
batch: 1
inputs:
  - {name: image, shape: [1, 3, 8, 8], dtype: int8}
layers:
  - name: conv1
    op: conv2d
    inputs: [{from: image, shape: [1, 3, 8, 8], dtype: int8}]
    weights:
      - name: weight
        shape: [4, 3, 3, 3]
        dtype: int8
        bits: 4
        quant: {scheme: per_channel, axis: 0, scale: [0.5, 0.25, 0.125, 1.0]}
      - {name: bias, shape: [4], dtype: int32}
    output:
      shape: [1, 4, 8, 8]
      dtype: int8
      quant: {scheme: per_tensor, scale: 0.05, zero_point: -3}
    attrs: {kernel: [3, 3], padding: [1, 1]}
  - name: relu1
    op: activation
    inputs:
      - from: conv1
        shape: [1, 4, 8, 8]
        dtype: int8
        quant: {scheme: per_tensor, scale: [0.05], zero_point: [-3]}
    output: {shape: [1, 4, 8, 8], dtype: int8}
    attrs: {function: relu}
  - name: pool
    op: global_avg_pool
    inputs: [{from: relu1, shape: [1, 4, 8, 8], dtype: int8}]
    output: {shape: [1, 4, 1, 1], dtype: int8}
  - name: flat
    op: flatten
    inputs: [{from: pool, shape: [1, 4, 1, 1], dtype: int8}]
    output: {shape: [1, 4], dtype: int8}
  - name: fc
    op: linear
    inputs: [{from: flat, shape: [1, 4], dtype: int8}]
    weights: [{name: weight, shape: [10, 4], dtype: int8}]
    output: {shape: [1, 10], dtype: fp16}
outputs: [fc]
)";
  write_text(dir + "/tiny.yaml", yaml);
  write_text(dir + "/tiny.json", testing::tiny_trace_json().dump(2));
  CHECK(trace_to_json(load_trace(dir + "/tiny.yaml")) ==
        trace_to_json(load_trace(dir + "/tiny.json")));
  std::filesystem::remove_all(dir);
}

TEST_CASE("trace: write_trace replaces the file atomically and load_trace reads it back") {
  const std::string dir = testing::make_temp_dir();
  const Trace t = parse_trace_json(testing::tiny_trace_json().dump(), "tiny.json");
  write_text(dir + "/out.json", "old contents");
  write_trace(t, dir + "/out.json");
  CHECK(trace_to_json(load_trace(dir + "/out.json")) == trace_to_json(t));
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  CHECK(files == 1);  // no temporary file left behind
  std::filesystem::remove_all(dir);
}

TEST_CASE("trace: write_trace into a missing directory is an InputError") {
  const Trace t = parse_trace_json(testing::tiny_trace_json().dump(), "tiny.json");
  REQUIRE_THROWS_AS(write_trace(t, "/nonexistent-axsim-dir/out.json"), InputError);
}

TEST_CASE("trace: JSON syntax error reports line and column") {
  const std::string text = "{\n  \"version\": 1,\n  \"name\": tiny\n}\n";
  REQUIRE_THROWS_WITH(parse_trace_json(text, "bad.json"),
                      Contains("bad.json:3:12") && Contains("invalid JSON"));
}

TEST_CASE("trace: number too large for a double is a syntax error with its line") {
  REQUIRE_THROWS_WITH(parse_trace_json("{\n\"version\": 1e999}", "big.json"),
                      Contains("big.json:2:") && Contains("number overflow"));
}

TEST_CASE("trace: YAML syntax error reports the line") {
  REQUIRE_THROWS_WITH(parse_trace_yaml("version: 1\nname: [unclosed\n", "bad.yaml"),
                      Contains("bad.yaml:") && Contains("invalid YAML"));
}

TEST_CASE("trace: unknown key suggests the closest known key with its line and path") {
  auto j = testing::tiny_trace_json();
  j["layers"][2]["output"].erase("shape");
  j["layers"][2]["output"]["shpae"] = {1, 4, 1, 1};
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(2), "typo.json"),
                      Contains("typo.json:") && Contains("layers[2].output.shpae") &&
                          Contains("did you mean 'shape'?"));
}

TEST_CASE("trace: unknown top-level key lists the accepted keys") {
  auto j = testing::tiny_trace_json();
  j["frobnicate"] = 1;
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("frobnicate") && Contains("expected one of"));
}

TEST_CASE("trace: bad dtype names the JSON path and the accepted dtypes") {
  auto j = testing::tiny_trace_json();
  j["layers"][4]["weights"][0]["dtype"] = "int9";
  REQUIRE_THROWS_WITH(
      parse_trace_json(j.dump(), "t.json"),
      Contains("layers[4].weights[0].dtype") && Contains("'int9'") && Contains("bf16"));
}

TEST_CASE("trace: bad op name names the JSON path") {
  auto j = testing::tiny_trace_json();
  j["layers"][1]["op"] = "convolution";
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("layers[1].op") && Contains("unknown op 'convolution'"));
}

TEST_CASE("trace: version newer than supported is a clear error") {
  auto j = testing::tiny_trace_json();
  j["version"] = 2;
  j["new_field_of_v2"] = true;  // the version is reported, not the key it does not know
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("version 2 is newer than this axsim supports (up to 1)"));
}

TEST_CASE("trace: missing version is reported") {
  auto j = testing::tiny_trace_json();
  j.erase("version");
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("missing required key 'version'"));
}

TEST_CASE("trace: wrong type names the JSON path and what was found") {
  auto j = testing::tiny_trace_json();
  j["layers"][3]["inputs"][0]["shape"] = "1x4";
  REQUIRE_THROWS_WITH(
      parse_trace_json(j.dump(2), "t.json"),
      Contains("layers[3].inputs[0].shape") && Contains("expected an array") && Contains("string"));
}

TEST_CASE("trace: fractional dimension is rejected as not an integer") {
  auto j = testing::tiny_trace_json();
  j["layers"][3]["output"]["shape"] = {1, 4.5};
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("layers[3].output.shape[1]") && Contains("expected an integer"));
}

TEST_CASE("trace: missing required field names the enclosing object") {
  auto j = testing::tiny_trace_json();
  j["layers"][0].erase("output");
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("layers[0]") && Contains("missing required key 'output'"));
}

TEST_CASE("trace: attribute of another op is rejected") {
  auto j = testing::tiny_trace_json();
  j["layers"][0]["attrs"]["heads"] = 8;
  REQUIRE_THROWS_WITH(parse_trace_json(j.dump(), "t.json"),
                      Contains("layers[0].attrs.heads") && Contains("does not apply to op conv2d"));
}

TEST_CASE("trace: YAML type error names file, line and path") {
  const std::string yaml = "version: 1\nname: t\ninputs: []\nlayers: 5\noutputs: []\n";
  REQUIRE_THROWS_WITH(parse_trace_yaml(yaml, "t.yaml"), Contains("t.yaml:4") &&
                                                            Contains("'layers'") &&
                                                            Contains("expected an array"));
}

TEST_CASE("trace: quoted YAML numbers stay strings") {
  const std::string yaml = "version: \"1\"\nname: t\ninputs: []\nlayers: []\noutputs: []\n";
  REQUIRE_THROWS_WITH(parse_trace_yaml(yaml, "t.yaml"), Contains("expected an integer"));
}

TEST_CASE("trace: load_trace rejects a file without a known extension") {
  REQUIRE_THROWS_WITH(load_trace("net.txt"), Contains(".json, .yaml or .yml"));
}

TEST_CASE("trace: load_trace validates the trace it reads") {
  const std::string dir = testing::make_temp_dir();
  auto j = testing::tiny_trace_json();
  j["outputs"] = {"nowhere"};
  write_text(dir + "/t.json", j.dump());
  REQUIRE_THROWS_WITH(load_trace(dir + "/t.json"), Contains("outputs[0] 'nowhere'"));
  std::filesystem::remove_all(dir);
}
