#include <stdexcept>
#include <string>

#include "workloads/trace/trace.h"

namespace axsim::trace {

namespace {

struct DTypeInfo {
  DType type;
  const char* name;
  int bits;
  bool integer;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::int4, "int4", 4, true},    {DType::int8, "int8", 8, true},
    {DType::int16, "int16", 16, true}, {DType::int32, "int32", 32, true},
    {DType::fp8, "fp8", 8, false},     {DType::fp16, "fp16", 16, false},
    {DType::bf16, "bf16", 16, false},  {DType::fp32, "fp32", 32, false},
};

const DTypeInfo& info(DType t) {
  for (const DTypeInfo& d : kDTypes) {
    if (d.type == t) return d;
  }
  // Reachable only through a cast of an out-of-range integer to DType.
  throw std::logic_error("unknown DType value " + std::to_string(static_cast<int>(t)));
}

struct OpInfo {
  Op op;
  const char* name;
};

constexpr OpInfo kOps[] = {
    {Op::conv2d, "conv2d"},
    {Op::matmul, "matmul"},
    {Op::linear, "linear"},
    {Op::attention, "attention"},
    {Op::max_pool, "max_pool"},
    {Op::avg_pool, "avg_pool"},
    {Op::global_avg_pool, "global_avg_pool"},
    {Op::elementwise, "elementwise"},
    {Op::activation, "activation"},
    {Op::softmax, "softmax"},
    {Op::layer_norm, "layer_norm"},
    {Op::rms_norm, "rms_norm"},
    {Op::batch_norm, "batch_norm"},
    {Op::concat, "concat"},
    {Op::resize, "resize"},
    {Op::embedding, "embedding"},
    {Op::kv_cache_write, "kv_cache_write"},
    {Op::kv_cache_read, "kv_cache_read"},
    {Op::reshape, "reshape"},
    {Op::flatten, "flatten"},
    {Op::slice, "slice"},
    {Op::rnn, "rnn"},
    {Op::generic, "generic"},
};

}  // namespace

int dtype_bits(DType t) { return info(t).bits; }

bool dtype_is_integer(DType t) { return info(t).integer; }

const char* dtype_name(DType t) { return info(t).name; }

DType parse_dtype(const std::string& name) {
  std::string accepted;
  for (const DTypeInfo& d : kDTypes) {
    if (name == d.name) return d.type;
    accepted += accepted.empty() ? d.name : std::string(", ") + d.name;
  }
  throw std::invalid_argument("unknown dtype '" + name + "' (accepted: " + accepted + ")");
}

const char* op_name(Op op) {
  for (const OpInfo& o : kOps) {
    if (o.op == op) return o.name;
  }
  throw std::logic_error("unknown Op value " + std::to_string(static_cast<int>(op)));
}

Op parse_op(const std::string& name) {
  std::string accepted;
  for (const OpInfo& o : kOps) {
    if (name == o.name) return o.op;
    accepted += accepted.empty() ? o.name : std::string(", ") + o.name;
  }
  throw std::invalid_argument("unknown op '" + name + "' (accepted: " + accepted + ")");
}

}  // namespace axsim::trace
