#include "tests/systolic/fixtures.h"

namespace axsim::test {

namespace {

trace::Tensor int8_tensor(std::vector<int64_t> shape) {
  trace::Tensor t;
  t.shape = std::move(shape);
  t.dtype = trace::DType::int8;
  t.bits = 8;
  return t;
}

}  // namespace

std::string systolic_config_text(int rows, int cols, const std::string& dataflow,
                                 const std::string& bandwidth, const std::string& sram) {
  return "clock: 1 GHz\n"
         "array: {rows: " + std::to_string(rows) + ", cols: " + std::to_string(cols) +
         ", dataflow: " + dataflow + ", macs_per_pe_per_cycle_8bit: 1}\n"
         "vector: {ops_per_cycle: 16}\n"
         "sram: {capacity: " + sram + "}\n"
         "dram: {bandwidth: " + bandwidth + ", latency: 0 ns}\n"
         "layer_overhead: 0 ns\n"
         "static_power: 0 W\n";
}

systolic::SystolicConfig systolic_config(int rows, int cols, const std::string& dataflow,
                                         const std::string& bandwidth, const std::string& sram) {
  const core::ConfigNode node = core::parse_config_text(
      systolic_config_text(rows, cols, dataflow, bandwidth, sram), "test.yaml");
  return systolic::parse_systolic_config(core::Section(node));
}

trace::Trace linear_trace(int64_t tokens, int64_t k, int64_t n) {
  trace::Trace t;
  t.name = "linear";
  t.inputs.push_back({"x", int8_tensor({tokens, k})});
  trace::Layer fc;
  fc.name = "fc";
  fc.op = trace::Op::linear;
  fc.inputs.push_back({"x", int8_tensor({tokens, k})});
  fc.weights.push_back({"fc.weight", int8_tensor({n, k})});
  fc.output = int8_tensor({tokens, n});
  t.layers.push_back(fc);
  t.outputs.push_back("fc");
  return t;
}

trace::Trace conv_relu_trace(int64_t cin, int64_t cout, int64_t hw, int64_t kernel,
                             int64_t groups) {
  trace::Trace t;
  t.name = "conv";
  t.inputs.push_back({"image", int8_tensor({1, cin, hw, hw})});
  trace::Layer conv;
  conv.name = "conv";
  conv.op = trace::Op::conv2d;
  conv.inputs.push_back({"image", int8_tensor({1, cin, hw, hw})});
  conv.weights.push_back({"conv.weight", int8_tensor({cout, cin / groups, kernel, kernel})});
  conv.output = int8_tensor({1, cout, hw, hw});
  conv.attrs.kernel = {kernel, kernel};
  const int64_t pad = kernel / 2;
  conv.attrs.padding = {pad, pad, pad, pad};
  conv.attrs.groups = groups;
  trace::Layer relu;
  relu.name = "relu";
  relu.op = trace::Op::activation;
  relu.attrs.function = "relu";
  relu.inputs.push_back({"conv", conv.output});
  relu.output = conv.output;
  t.layers.push_back(conv);
  t.layers.push_back(relu);
  t.outputs.push_back("relu");
  return t;
}

}  // namespace axsim::test
