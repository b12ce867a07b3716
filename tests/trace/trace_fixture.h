// Small traces shared by the trace tests.
#pragma once

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "workloads/trace/trace.h"

namespace axsim::trace::testing {

// image [1,3,8,8] -> conv 3x3 pad 1 (4-bit per-channel weights, int32 bias) -> relu ->
// global average pool -> flatten -> linear 4 -> 10.
inline nlohmann::json tiny_trace_json() {
  using nlohmann::json;
  const json act8 = {{"shape", {1, 4, 8, 8}}, {"dtype", "int8"}};
  return json{
      {"version", 1},
      {"name", "tiny"},
      {"description", "conv + relu + linear, for tests"},
      {"batch", 1},
      {"inputs", {{{"name", "image"}, {"shape", {1, 3, 8, 8}}, {"dtype", "int8"}}}},
      {"layers",
       {{{"name", "conv1"},
         {"op", "conv2d"},
         {"inputs", {{{"from", "image"}, {"shape", {1, 3, 8, 8}}, {"dtype", "int8"}}}},
         {"weights",
          {{{"name", "weight"},
            {"shape", {4, 3, 3, 3}},
            {"dtype", "int8"},
            {"bits", 4},
            {"quant",
             {{"scheme", "per_channel"}, {"axis", 0}, {"scale", {0.5, 0.25, 0.125, 1.0}}}}},
           {{"name", "bias"}, {"shape", {4}}, {"dtype", "int32"}}}},
         {"output",
          {{"shape", {1, 4, 8, 8}},
           {"dtype", "int8"},
           {"quant", {{"scheme", "per_tensor"}, {"scale", {0.05}}, {"zero_point", {-3}}}}}},
         {"attrs", {{"kernel", {3, 3}}, {"padding", {1, 1, 1, 1}}}}},
        {{"name", "relu1"},
         {"op", "activation"},
         {"inputs",
          {{{"from", "conv1"},
            {"shape", {1, 4, 8, 8}},
            {"dtype", "int8"},
            {"quant", {{"scheme", "per_tensor"}, {"scale", {0.05}}, {"zero_point", {-3}}}}}}},
         {"output", act8},
         {"attrs", {{"function", "relu"}}}},
        {{"name", "pool"},
         {"op", "global_avg_pool"},
         {"inputs", {{{"from", "relu1"}, {"shape", {1, 4, 8, 8}}, {"dtype", "int8"}}}},
         {"output", {{"shape", {1, 4, 1, 1}}, {"dtype", "int8"}}}},
        {{"name", "flat"},
         {"op", "flatten"},
         {"inputs", {{{"from", "pool"}, {"shape", {1, 4, 1, 1}}, {"dtype", "int8"}}}},
         {"output", {{"shape", {1, 4}}, {"dtype", "int8"}}}},
        {{"name", "fc"},
         {"op", "linear"},
         {"inputs", {{{"from", "flat"}, {"shape", {1, 4}}, {"dtype", "int8"}}}},
         {"weights", {{{"name", "weight"}, {"shape", {10, 4}}, {"dtype", "int8"}}}},
         {"output", {{"shape", {1, 10}}, {"dtype", "fp16"}}}}}},
      {"outputs", {"fc"}}};
}

inline Tensor tensor(std::vector<int64_t> shape, DType dtype = DType::int8) {
  Tensor t;
  t.shape = std::move(shape);
  t.dtype = dtype;
  t.bits = dtype_bits(dtype);
  return t;
}

// A one-layer trace: graph input "x" of `input` feeding `layer` (its inputs are filled in
// from `input` unless the layer already has some).
inline Trace single_layer_trace(const Tensor& input, Layer layer) {
  Trace t;
  t.name = "single";
  t.inputs.push_back({"x", input});
  if (layer.inputs.empty()) layer.inputs.push_back({"x", input});
  t.outputs.push_back(layer.name);
  t.layers.push_back(std::move(layer));
  return t;
}

inline Layer make_layer(const std::string& name, Op op, const Tensor& output) {
  Layer l;
  l.name = name;
  l.op = op;
  l.output = output;
  return l;
}

// A fresh directory under $TMPDIR (or /tmp) for files a test writes.
inline std::string make_temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base ? base : "/tmp") + "/axsim-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

}  // namespace axsim::trace::testing
