#include "workloads/onnx/handlers.h"

namespace axsim::onnx_import {

const HandlerMap& handlers() {
  static const HandlerMap map = [] {
    HandlerMap m;
    add_conv_handlers(m);
    add_pool_handlers(m);
    add_gemm_handlers(m);
    add_elementwise_handlers(m);
    add_norm_handlers(m);
    add_layout_handlers(m);
    add_quant_handlers(m);
    add_rnn_handlers(m);
    return m;
  }();
  return map;
}

}  // namespace axsim::onnx_import
