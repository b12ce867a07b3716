// `axsim import model.onnx` and `axsim run config model.onnx` as a user runs them: exit codes,
// messages, the files written.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/onnx/model_builder.h"
#include "tests/support/run_command.h"

using axsim::test::ModelBuilder;
using axsim::test::set_attr;
using axsim::test::TempDir;
using Catch::Matchers::Contains;
using Shape = std::vector<int64_t>;

namespace {

axsim::test::CommandOutcome axsim_cli(const std::string& args) {
  return axsim::test::run_command(std::string(AXSIM_BINARY) + " " + args);
}

// A small CNN with a dynamic batch when `batch` < 0.
ModelBuilder cnn(int64_t batch = 1) {
  ModelBuilder m;
  m.input("image", {batch, 3, 32, 32}).output("logits");
  m.weight("w1", {16, 3, 3, 3}).weight("w2", {32, 16, 3, 3}).weight("fc", {10, 32});
  set_attr(m.node("Conv", {"image", "w1"}, {"c1"}, "conv1"), "pads", Shape{1, 1, 1, 1});
  m.node("Relu", {"c1"}, {"r1"}, "relu1");
  set_attr(m.node("Conv", {"r1", "w2"}, {"c2"}, "conv2"), "strides", Shape{2, 2});
  m.node("Relu", {"c2"}, {"r2"}, "relu2");
  m.node("GlobalAveragePool", {"r2"}, {"g"}, "pool");
  m.node("Flatten", {"g"}, {"f"}, "flatten");
  set_attr(m.node("Gemm", {"f", "fc"}, {"logits"}, "fc"), "transB", int64_t{1});
  return m;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream file(path);
  return nlohmann::json::parse(file);
}

const std::string kConfig = std::string(AXSIM_SOURCE_DIR) + "/configs/systolic/tpu-v1.yaml";

}  // namespace

TEST_CASE("onnx cli: import writes a trace that validate accepts and prints the report") {
  TempDir dir;
  cnn().save(dir.path("cnn.onnx"));
  const auto o = axsim_cli("import " + dir.path("cnn.onnx") + " -o " + dir.path("cnn.json"));
  CHECK(o.exit_code == 0);
  CHECK_THAT(o.output, Contains("2 conv2d") && Contains("1 linear") && Contains("cnn.json"));
  const auto v = axsim_cli("validate " + dir.path("cnn.json"));
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.output, Contains("trace 'cnn'"));
}

TEST_CASE("onnx cli: --quantize int8 writes int8 weights with per-channel scales") {
  TempDir dir;
  cnn().save(dir.path("cnn.onnx"));
  const auto o = axsim_cli("import " + dir.path("cnn.onnx") + " -o " + dir.path("q.json") +
                           " --quantize int8 --granularity per-channel");
  REQUIRE(o.exit_code == 0);
  const nlohmann::json t = read_json(dir.path("q.json"));
  const nlohmann::json& weight = t["layers"][0]["weights"][0];
  CHECK(weight["dtype"] == "int8");
  CHECK(weight["quant"]["scheme"] == "per_channel");
  CHECK(weight["quant"]["scale"].size() == 16);
}

TEST_CASE("onnx cli: a truncated or non-ONNX file is bad input with exit code 2") {
  TempDir dir;
  cnn().save(dir.path("cnn.onnx"));
  std::string bytes;
  {
    std::ifstream file(dir.path("cnn.onnx"), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(file), {});
  }
  std::ofstream(dir.path("cut.onnx"), std::ios::binary) << bytes.substr(0, bytes.size() - 200);
  const auto cut = axsim_cli("import " + dir.path("cut.onnx") + " -o " + dir.path("t.json"));
  CHECK(cut.exit_code == 2);
  CHECK_THAT(cut.output, Contains("cut.onnx") && Contains("not an ONNX model"));
  std::ofstream(dir.path("notes.onnx")) << "this is not a model\n";
  const auto text = axsim_cli("import " + dir.path("notes.onnx") + " -o " + dir.path("t.json"));
  CHECK(text.exit_code == 2);
  CHECK_THAT(text.output, Contains("not an ONNX model"));
  CHECK_FALSE(std::filesystem::exists(dir.path("t.json")));
}

TEST_CASE("onnx cli: a dynamic batch needs --input-shape and then imports") {
  TempDir dir;
  cnn(-1).save(dir.path("dyn.onnx"));
  const auto bad = axsim_cli("import " + dir.path("dyn.onnx") + " -o " + dir.path("t.json"));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Contains("--input-shape image=<n>x3x32x32"));
  const auto good = axsim_cli("import " + dir.path("dyn.onnx") + " -o " + dir.path("t.json") +
                              " --input-shape image=4x3x32x32");
  CHECK(good.exit_code == 0);
  CHECK(read_json(dir.path("t.json"))["batch"] == 4);
}

TEST_CASE("onnx cli: an unsupported operator fails unless --unsupported=cpu keeps it") {
  ModelBuilder m(13);
  m.input("x", {1, 50}).output("y");
  m.int_weight("k", {1}, {3}, onnx::TensorProto::INT64);
  m.node("TopK", {"x", "k"}, {"y", "i"}, "top3");
  TempDir dir;
  m.save(dir.path("topk.onnx"));
  const auto bad = axsim_cli("import " + dir.path("topk.onnx") + " -o " + dir.path("t.json"));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Contains("'top3' (TopK)"));
  const auto kept = axsim_cli("import " + dir.path("topk.onnx") + " -o " + dir.path("t.json") +
                              " --unsupported=cpu");
  CHECK(kept.exit_code == 0);
  CHECK_THAT(kept.output, Contains("left to the host CPU (1)") && Contains("top3: TopK"));
}

TEST_CASE("onnx cli: run simulates an ONNX model directly and keeps the trace it read") {
  TempDir dir;
  cnn().save(dir.path("cnn.onnx"));
  const std::string out = dir.path("run");
  const auto o = axsim_cli("run " + kConfig + " " + dir.path("cnn.onnx") + " -o " + out + " -q");
  CHECK(o.exit_code == 0);
  CHECK(std::filesystem::exists(out + "/result.json"));
  CHECK(std::filesystem::exists(out + "/cnn.trace.json"));
  CHECK(read_json(out + "/result.json")["meta"]["trace_name"] == "cnn");
}

TEST_CASE("onnx cli: import refuses a file type it does not know with exit code 2") {
  TempDir dir;
  std::ofstream(dir.path("net.pb")) << "x";
  const auto o = axsim_cli("import " + dir.path("net.pb") + " -o " + dir.path("t.json"));
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.output, Contains(".onnx models"));
}

TEST_CASE("onnx cli: a trace with rnn slice and generic layers simulates on the systolic model") {
  ModelBuilder m(14);
  m.input("x", {6, 1, 16}).output("y");
  m.weight("W", {1, 32, 16}).weight("R", {1, 32, 8});
  m.int_weight("k", {1}, {2}, onnx::TensorProto::INT64);
  set_attr(m.node("LSTM", {"x", "W", "R"}, {"", "h"}, "lstm"), "hidden_size", int64_t{8});
  m.node("TopK", {"h", "k"}, {"y", "i"}, "top2");
  TempDir dir;
  m.save(dir.path("lstm.onnx"));
  const auto imported = axsim_cli("import " + dir.path("lstm.onnx") + " -o " +
                                  dir.path("lstm.json") + " --unsupported=cpu");
  REQUIRE(imported.exit_code == 0);
  const auto run = axsim_cli("run " + kConfig + " " + dir.path("lstm.json") + " -o " +
                             dir.path("out") + " -q");
  CHECK(run.exit_code == 0);
  const nlohmann::json result = read_json(dir.path("out") + "/result.json");
  std::vector<std::string> ops;
  for (const nlohmann::json& layer : result["layers"]) ops.push_back(layer["op"]);
  CHECK(ops == std::vector<std::string>{"rnn", "slice", "reshape", "generic"});
}
