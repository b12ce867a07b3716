// Public models fetched by workloads/fetch-models.sh: PaddleOCR v4 detection and recognition,
// the PaddleOCR v2 direction classifier, and an openWakeWord head. Each import is checked
// against what the ONNX graph itself holds, counted here from the file independently of the
// importer. Without the files the tests pass with a message saying how to fetch them.
#include <onnx/onnx_pb.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>

#include "workloads/onnx/onnx_import.h"
#include "workloads/trace/counts.h"

using namespace axsim;
using trace::Op;

namespace {

struct Expected {
  const char* file;
  std::map<std::string, std::vector<int64_t>> input_shapes;
  int64_t params;  // of the trace, pinned: batch norms folded, fused patterns' constants gone
};

// What the ONNX file holds, read straight from the protobuf.
struct GraphCounts {
  std::map<std::string, int> ops;
  int op(const std::string& type) const {
    const auto found = ops.find(type);
    return found == ops.end() ? 0 : found->second;
  }
  int64_t conv_weights = 0;    // elements of Conv and ConvTranspose kernels
  int linear_products = 0;     // MatMul / Gemm by a constant matrix
  int64_t linear_weights = 0;  // elements of those matrices
  int64_t constants = 0;       // elements of every initializer and Constant node
};

GraphCounts count_graph(const std::string& path) {
  onnx::ModelProto model;
  std::ifstream file(path, std::ios::binary);
  REQUIRE(model.ParseFromIstream(&file));
  std::map<std::string, int64_t> sizes;
  const auto add = [&sizes](const onnx::TensorProto& t, const std::string& name) {
    int64_t n = 1;
    for (int64_t d : t.dims()) n *= d;
    sizes[name] = n;
  };
  for (const auto& t : model.graph().initializer()) add(t, t.name());
  for (const auto& node : model.graph().node()) {
    if (node.op_type() != "Constant") continue;
    for (const auto& attr : node.attribute()) {
      if (attr.name() == "value") add(attr.t(), node.output(0));
    }
  }
  GraphCounts c;
  for (const auto& [name, n] : sizes) c.constants += n;
  for (const auto& node : model.graph().node()) {
    ++c.ops[node.op_type()];
    const bool constant_b = node.input_size() > 1 && sizes.count(node.input(1)) > 0;
    if (node.op_type() == "Conv" || node.op_type() == "ConvTranspose") {
      c.conv_weights += sizes.at(node.input(1));
    }
    if ((node.op_type() == "MatMul" || node.op_type() == "Gemm") && constant_b) {
      ++c.linear_products;
      c.linear_weights += sizes.at(node.input(1));
    }
  }
  return c;
}

void check_model(const Expected& e) {
  const std::string path = std::string(AXSIM_SOURCE_DIR) + "/workloads/models/" + e.file;
  if (!std::filesystem::exists(path)) {
    WARN("skipped: " << e.file << " is not fetched; run workloads/fetch-models.sh");
    return;
  }
  onnx_import::ImportOptions options;
  options.input_shapes = e.input_shapes;
  const onnx_import::ImportResult r = onnx_import::import_onnx(path, options);
  const GraphCounts g = count_graph(path);
  std::map<Op, int> layers;
  int64_t conv_weights = 0, linear_weights = 0;
  for (const trace::Layer& l : r.trace.layers) {
    ++layers[l.op];
    if (l.op == Op::conv2d) conv_weights += trace::element_count(l.weights.at(0).tensor.shape);
    if (l.op == Op::linear) linear_weights += trace::element_count(l.weights.at(0).tensor.shape);
  }
  INFO(onnx_import::format_report(r, e.file));
  CHECK(r.report.graph_nodes ==
        static_cast<int>(std::accumulate(g.ops.begin(), g.ops.end(), 0,
                                         [](int sum, const auto& op) { return sum + op.second; })));
  CHECK(layers[Op::conv2d] == g.op("Conv") + g.op("ConvTranspose"));
  CHECK(conv_weights == g.conv_weights);
  CHECK(layers[Op::linear] == g.linear_products);
  CHECK(linear_weights == g.linear_weights);
  // Every softmax is a layer of its own or inside a fused attention layer.
  CHECK(layers[Op::softmax] + layers[Op::attention] == g.op("Softmax"));
  CHECK(r.report.folded_batch_norms == g.op("BatchNormalization"));
  CHECK(layers[Op::batch_norm] == 0);
  CHECK(r.report.cpu.empty());
  const trace::TraceCounts counts = trace::count_trace(r.trace);
  CHECK(counts.params == e.params);
  CHECK(counts.params <= g.constants);
}

}  // namespace

TEST_CASE("models: PaddleOCR v4 text detection imports with every conv and its weights") {
  check_model({"paddleocr-det-v4.onnx", {{"x", {1, 3, 640, 640}}}, 1171580});
}

TEST_CASE("models: PaddleOCR v4 text recognition imports with its attention and linear layers") {
  check_model({"paddleocr-rec-v4.onnx", {{"x", {1, 3, 48, 320}}}, 2687655});
}

TEST_CASE("models: PaddleOCR v2 direction classifier imports with every conv and its weights") {
  check_model({"paddleocr-cls-v2.onnx", {{"x", {1, 3, 48, 192}}}, 127220});
}

TEST_CASE("models: the openWakeWord hello-deepa head imports with its three linear layers") {
  check_model({"openwakeword-hello-deepa.onnx", {}, 78049});
}
