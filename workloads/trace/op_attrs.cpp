#include "workloads/trace/op_attrs.h"

namespace axsim::trace {

const std::vector<AttrSpec>& op_attrs(Op op) {
  static const std::vector<AttrSpec> conv{{"kernel", true},
                                          {"stride", false},
                                          {"dilation", false},
                                          {"padding", false},
                                          {"groups", false}};
  static const std::vector<AttrSpec> pool{{"kernel", true}, {"stride", false}, {"padding", false}};
  static const std::vector<AttrSpec> attention{
      {"heads", true}, {"kv_heads", true}, {"head_dim", true}, {"causal", false}};
  static const std::vector<AttrSpec> axis{{"axis", true}};
  static const std::vector<AttrSpec> function{{"function", true}};
  static const std::vector<AttrSpec> mode{{"mode", true}};
  static const std::vector<AttrSpec> none;
  switch (op) {
    case Op::conv2d:
      return conv;
    case Op::max_pool:
    case Op::avg_pool:
      return pool;
    case Op::attention:
      return attention;
    case Op::softmax:
    case Op::concat:
      return axis;
    case Op::elementwise:
    case Op::activation:
    case Op::rnn:
    case Op::generic:
      return function;
    case Op::resize:
      return mode;
    case Op::matmul:
    case Op::linear:
    case Op::global_avg_pool:
    case Op::layer_norm:
    case Op::rms_norm:
    case Op::batch_norm:
    case Op::embedding:
    case Op::kv_cache_write:
    case Op::kv_cache_read:
    case Op::reshape:
    case Op::flatten:
    case Op::slice:
      return none;
  }
  return none;
}

}  // namespace axsim::trace
