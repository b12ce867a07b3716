// Files and options the importer must refuse with a message a user can act on, and the ways
// it keeps going where it can (external data, --unsupported=cpu).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "models/core/error.h"
#include "tests/onnx/model_builder.h"
#include "workloads/onnx/onnx_import.h"

using namespace axsim;
using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using Catch::Matchers::Contains;
using Shape = std::vector<int64_t>;

namespace {

ModelBuilder conv_model(const std::vector<int64_t>& input) {
  ModelBuilder m;
  m.input("x", input).output("y");
  m.weight("w", {8, 3, 3, 3});
  m.node("Conv", {"x", "w"}, {"c"}, "conv");
  m.node("Relu", {"c"}, {"y"}, "relu");
  return m;
}

std::string bytes_of(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace

TEST_CASE("onnx: a truncated model is reported as not a readable ONNX model") {
  TempDir dir;
  conv_model({1, 3, 16, 16}).save(dir.path("full.onnx"));
  const std::string bytes = bytes_of(dir.path("full.onnx"));
  std::ofstream(dir.path("cut.onnx"), std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  REQUIRE_THROWS_AS(onnx_import::import_onnx(dir.path("cut.onnx")), core::InputError);
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("cut.onnx")),
                      Contains("cut.onnx") && Contains("not an ONNX model"));
}

TEST_CASE("onnx: a file of another format and an empty file are not ONNX models") {
  TempDir dir;
  std::ofstream(dir.path("net.onnx")) << "{\"version\": 1, \"layers\": []}\n";
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("net.onnx")),
                      Contains("not an ONNX model"));
  std::ofstream(dir.path("empty.onnx")).close();
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("empty.onnx")), Contains("empty"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("missing.onnx")), Contains("cannot open"));
}

TEST_CASE("onnx: dynamic input shapes need --input-shape and the error says how") {
  const ModelBuilder m = conv_model({-1, 3, -1, -1});
  TempDir dir;
  m.save(dir.path("dyn.onnx"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("dyn.onnx")),
                      Contains("'x' is [N,3,N,N]") && Contains("--input-shape x=<n>x3x<n>x<n>"));
  onnx_import::ImportOptions options;
  options.input_shapes["x"] = {2, 3, 20, 24};
  const trace::Trace t = onnx_import::import_onnx(dir.path("dyn.onnx"), options).trace;
  CHECK(t.layers.at(0).output.shape == Shape{2, 8, 18, 22});
  CHECK(t.batch == 2);
}

TEST_CASE("onnx: --input-shape for an unknown input or of the wrong rank is refused") {
  const ModelBuilder m = conv_model({-1, 3, 16, 16});
  TempDir dir;
  m.save(dir.path("m.onnx"));
  onnx_import::ImportOptions wrong_name;
  wrong_name.input_shapes["image"] = {1, 3, 16, 16};
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("m.onnx"), wrong_name),
                      Contains("no graph input 'image'") && Contains("'x'"));
  onnx_import::ImportOptions wrong_rank;
  wrong_rank.input_shapes["x"] = {3, 16, 16};
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("m.onnx"), wrong_rank),
                      Contains("3 dimensions") && Contains("declared with 4"));
  REQUIRE_THROWS_WITH(onnx_import::parse_input_shape("x=1x3xax4"), Contains("positive integer"));
  REQUIRE_THROWS_WITH(onnx_import::parse_input_shape("1x3"), Contains("name=dims"));
  CHECK(onnx_import::parse_input_shape("input.1=1x3x8x8").second == Shape{1, 3, 8, 8});
}

TEST_CASE("onnx: an unsupported operator names the node its op type and inputs") {
  ModelBuilder m(13);
  m.input("x", {1, 100}).output("y");
  m.int_weight("k", {1}, {5}, onnx::TensorProto::INT64);
  m.node("Relu", {"x"}, {"r"}, "relu");
  m.node("TopK", {"r", "k"}, {"y", "idx"}, "top5");
  TempDir dir;
  m.save(dir.path("topk.onnx"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("topk.onnx")),
                      Contains("node 'top5' (TopK)") && Contains("'r' [1,100]") &&
                          Contains("'k' [1] constant") && Contains("--unsupported=cpu"));
}

TEST_CASE("onnx: --unsupported=cpu keeps the operator as a generic layer and reports it") {
  ModelBuilder m(13);
  m.input("x", {1, 100}).output("y");
  m.int_weight("k", {1}, {5}, onnx::TensorProto::INT64);
  m.node("Relu", {"x"}, {"r"}, "relu");
  m.node("TopK", {"r", "k"}, {"top", "idx"}, "top5");
  m.node("Sigmoid", {"top"}, {"y"}, "sig");
  TempDir dir;
  onnx_import::ImportOptions options;
  options.unsupported = onnx_import::Unsupported::cpu;
  const onnx_import::ImportResult r = m.import(dir, options);
  REQUIRE(r.trace.layers.size() == 3);
  const trace::Layer& top = r.trace.layers[1];
  CHECK(top.op == trace::Op::generic);
  CHECK(top.attrs.function == "TopK");
  CHECK(top.inputs.at(0).from == "relu");
  CHECK(top.output.shape == Shape{1, 5});
  REQUIRE(r.report.cpu.size() == 1);
  CHECK(r.report.cpu[0].layer == "top5");
  CHECK_THAT(onnx_import::format_report(r, "m.onnx"), Contains("left to the host CPU (1)"));
}

TEST_CASE("onnx: an operator of a custom domain is unsupported") {
  ModelBuilder m;
  m.input("x", {1, 8}).output("y");
  m.node("FusedGelu", {"x"}, {"y"}, "custom").set_domain("com.microsoft");
  auto* domain = m.model().add_opset_import();
  domain->set_domain("com.microsoft");
  domain->set_version(1);
  TempDir dir;
  m.save(dir.path("custom.onnx"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("custom.onnx")),
                      Contains("'custom' (FusedGelu)") && Contains("com.microsoft"));
}

TEST_CASE("onnx: weights in an external data file are read and a short file is an error") {
  ModelBuilder m = conv_model({1, 3, 8, 8});
  onnx::TensorProto& w = *m.model().mutable_graph()->mutable_initializer(0);
  std::string raw;
  for (float v : w.float_data()) raw.append(reinterpret_cast<const char*>(&v), sizeof v);
  w.clear_float_data();
  w.set_data_location(onnx::TensorProto::EXTERNAL);
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"location", "weights.bin"},
                                   {"offset", "16"},
                                   {"length", std::to_string(raw.size())}}) {
    auto* entry = w.add_external_data();
    entry->set_key(key);
    entry->set_value(value);
  }
  TempDir dir;
  m.save(dir.path("ext.onnx"));
  std::ofstream(dir.path("weights.bin"), std::ios::binary) << std::string(16, '\0') << raw;
  const trace::Trace t = onnx_import::import_onnx(dir.path("ext.onnx")).trace;
  CHECK(t.layers.at(0).weights.at(0).tensor.shape == Shape{8, 3, 3, 3});

  std::ofstream(dir.path("weights.bin"), std::ios::binary) << std::string(100, '\0');
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("ext.onnx")), Contains("initializer 'w'") &&
                                                                          Contains("weights.bin") &&
                                                                          Contains("truncated"));
  std::filesystem::remove(dir.path("weights.bin"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("ext.onnx")), Contains("cannot open"));
}

TEST_CASE("onnx: external data may not point outside the model's folder") {
  ModelBuilder m = conv_model({1, 3, 8, 8});
  onnx::TensorProto& w = *m.model().mutable_graph()->mutable_initializer(0);
  w.clear_float_data();
  w.set_data_location(onnx::TensorProto::EXTERNAL);
  auto* entry = w.add_external_data();
  entry->set_key("location");
  entry->set_value("../../etc/passwd");
  TempDir dir;
  m.save(dir.path("escape.onnx"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("escape.onnx")),
                      Contains("must not leave the model's folder"));
}

TEST_CASE("onnx: a node reading a tensor nothing provides is reported") {
  ModelBuilder m;
  m.input("x", {1, 8}).output("y");
  m.node("Add", {"x", "bias"}, {"y"}, "add");
  TempDir dir;
  m.save(dir.path("broken.onnx"));
  REQUIRE_THROWS_WITH(onnx_import::import_onnx(dir.path("broken.onnx")),
                      Contains("node 'add' (Add)") && Contains("'bias'"));
}
