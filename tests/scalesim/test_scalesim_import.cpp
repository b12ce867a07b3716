#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "workloads/scalesim/scalesim_import.h"

using namespace axsim::trace;
using Catch::Matchers::Contains;

namespace {

// Writes `text` to a file in a fresh temporary directory that is removed with the object.
class TempCsv {
 public:
  explicit TempCsv(const std::string& text) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base ? base : "/tmp") + "/axsim-scalesim-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    std::ofstream(path()) << text;
  }
  ~TempCsv() { std::filesystem::remove_all(dir_); }
  TempCsv(const TempCsv&) = delete;
  TempCsv& operator=(const TempCsv&) = delete;
  std::string path() const { return dir_ + "/net.csv"; }

 private:
  std::string dir_;
};

}  // namespace

TEST_CASE("scalesim: conv topology becomes a chain of valid convolutions") {
  const TempCsv csv(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\n"
      "Conv1, 224, 224, 7, 7, 3, 64, 2,\n"
      "Conv2, 109, 109, 3, 3, 64, 128, 1,\n"
      "\n"
      "Conv3, 56, 56, 1, 1, 256, 256, 1,\n");
  const Trace t = import_scalesim_csv(csv.path());
  REQUIRE(t.layers.size() == 3);
  CHECK(t.name == "net");
  const Layer& c1 = t.layers[0];
  CHECK(c1.op == Op::conv2d);
  CHECK(c1.inputs[0].from == "Conv1.input");
  CHECK(c1.weights[0].tensor.shape == std::vector<int64_t>{64, 3, 7, 7});
  CHECK(c1.output.shape == std::vector<int64_t>{1, 64, 109, 109});  // (224 - 7) / 2 + 1
  CHECK(c1.attrs.stride == std::array<int64_t, 2>{2, 2});
  CHECK(t.layers[1].inputs[0].from == "Conv1");        // shapes match: chained
  CHECK(t.layers[2].inputs[0].from == "Conv3.input");  // shapes differ: own graph input
  CHECK(t.outputs == std::vector<std::string>{"Conv2", "Conv3"});
  CHECK(t.inputs.size() == 2);
  CHECK(t.layers[0].output.dtype == DType::int8);
}

TEST_CASE("scalesim: GEMM topology becomes linear layers with the chosen dtype") {
  const TempCsv csv("Layer, M, N, K,\nfc1, 8, 256, 512,\nfc2, 8, 10, 256,\n");
  const Trace t = import_scalesim_csv(csv.path(), DType::fp16);
  REQUIRE(t.layers.size() == 2);
  const Layer& fc1 = t.layers[0];
  CHECK(fc1.op == Op::linear);
  CHECK(fc1.inputs[0].tensor.shape == std::vector<int64_t>{8, 512});
  CHECK(fc1.weights[0].tensor.shape == std::vector<int64_t>{256, 512});
  CHECK(fc1.output.shape == std::vector<int64_t>{8, 256});
  CHECK(fc1.output.dtype == DType::fp16);
  CHECK(fc1.output.bits == 16);
  CHECK(t.layers[1].inputs[0].from == "fc1");
  CHECK(t.outputs == std::vector<std::string>{"fc2"});
}

TEST_CASE("scalesim: header without trailing comma and with odd spacing is accepted") {
  const TempCsv csv("  layer ,m,N ,  K\r\nfc, 4, 4, 4\r\n");
  CHECK(import_scalesim_csv(csv.path()).layers.size() == 1);
}

TEST_CASE("scalesim: non-integer value names the file, line and column") {
  const TempCsv csv("Layer, M, N, K,\nfc1, 8, 256, 512,\nfc2, 8, ten, 256,\n");
  REQUIRE_THROWS_WITH(import_scalesim_csv(csv.path()), Contains("net.csv:3") &&
                                                           Contains("column 'N'") &&
                                                           Contains("'ten' is not an integer"));
}

TEST_CASE("scalesim: short row names the first missing column") {
  const TempCsv csv(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\nConv1, 32, 32, 3, 3, 3,\n");
  REQUIRE_THROWS_WITH(import_scalesim_csv(csv.path()),
                      Contains("net.csv:2") && Contains("column 'Num Filter'"));
}

TEST_CASE("scalesim: filter larger than the feature map is rejected") {
  const TempCsv csv(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\nConv1, 2, 32, 3, 3, 3, 8, 1,\n");
  REQUIRE_THROWS_WITH(import_scalesim_csv(csv.path()),
                      Contains("column 'Filter Height'") && Contains("exceeds IFMAP height 2"));
}

TEST_CASE("scalesim: unknown header lists both accepted forms") {
  const TempCsv csv("name, rows, cols\na, 1, 2\n");
  REQUIRE_THROWS_WITH(import_scalesim_csv(csv.path()),
                      Contains("net.csv:1") && Contains("Layer, M, N, K"));
}

TEST_CASE("scalesim: duplicate layer names are rejected") {
  const TempCsv csv("Layer, M, N, K,\nfc, 8, 8, 8,\nfc, 8, 8, 8,\n");
  REQUIRE_THROWS_WITH(import_scalesim_csv(csv.path()),
                      Contains("net.csv:3") && Contains("appears twice"));
}
