#include "tests/gpu/fixtures.h"

#include "models/core/config.h"

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

std::string gpu_section_text(const GpuSetup& s) {
  std::string text = "sms: " + std::to_string(s.sms) + "\n" + "clock: " + s.clock +
                     "\n"
                     "tensor: {macs_per_sm_per_cycle: {int8: " +
                     std::to_string(s.int8_macs) +
                     "}}\n"
                     "vector: {fp32_ops_per_cycle: 128, sfu_ops_per_cycle: 16}\n"
                     "shared_memory_per_sm: 228 KiB\n"
                     "l2: {capacity: " +
                     s.l2_capacity + ", bandwidth: " + s.l2_bandwidth +
                     ", reuse_fraction: 0.5}\n"
                     "ideal_memory: {bandwidth: " +
                     s.bandwidth + ", latency: " + s.latency + ", capacity: " + s.capacity +
                     "}\n"
                     "launch_overhead: " +
                     s.launch_overhead +
                     "\n"
                     "static_power: 0 W\n";
  text += "gemm: {max_split_k: " + std::to_string(s.max_split_k) +
          (s.tiles.empty() ? "" : ", tiles: " + s.tiles) + "}\n";
  if (s.gpus > 1) {
    text += "parallel: {gpus: " + std::to_string(s.gpus) +
            ", link_bandwidth: 450 GB/s, link_latency: 1 us}\n";
  }
  return text;
}

std::string h100_like_section_text(const std::string& bandwidth, const std::string& capacity,
                                   int64_t gpus) {
  std::string text =
      "sms: 132\n"
      "clock: 1.83 GHz\n"
      "tensor: {macs_per_sm_per_cycle: {fp8: 4096, int8: 4096, fp16: 2048, bf16: 2048}}\n"
      "vector: {fp32_ops_per_cycle: 128, sfu_ops_per_cycle: 16}\n"
      "shared_memory_per_sm: 228 KiB\n"
      "l2: {capacity: 50 MB, bandwidth: 9.37 TB/s, reuse_fraction: 0.5}\n"
      "ideal_memory: {bandwidth: " +
      bandwidth + ", latency: 500 ns, capacity: " + capacity +
      "}\n"
      "launch_overhead: 2 us\n"
      "static_power: 100 W\n";
  if (gpus > 1) {
    text += "parallel: {gpus: " + std::to_string(gpus) +
            ", link_bandwidth: 450 GB/s, link_latency: 1 us}\n";
  }
  return text;
}

gpu::GpuConfig parse_gpu(const std::string& section_text) {
  const core::ConfigNode node = core::parse_config_text(section_text, "test.yaml");
  return gpu::parse_gpu_config(core::Section(node));
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

}  // namespace axsim::test
