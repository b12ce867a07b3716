// Node handlers by ONNX op type. Each translate_*.cpp adds the operators of one family.
#pragma once

#include <map>
#include <string>

#include "workloads/onnx/translator.h"

namespace axsim::onnx_import {

using Handler = void (*)(Translator&, const NodeProto&);
using HandlerMap = std::map<std::string, Handler>;

void add_conv_handlers(HandlerMap& map);         // Conv, ConvTranspose, BatchNormalization
void add_pool_handlers(HandlerMap& map);         // pooling, Pad, spatial reductions
void add_gemm_handlers(HandlerMap& map);         // Gemm, MatMul
void add_elementwise_handlers(HandlerMap& map);  // arithmetic and activations
void add_norm_handlers(HandlerMap& map);         // Softmax, LayerNormalization
void add_layout_handlers(HandlerMap& map);       // Reshape, Transpose, Concat, Split, Slice, ...
void add_quant_handlers(HandlerMap& map);        // QDQ, QLinear*, *Integer
void add_rnn_handlers(HandlerMap& map);          // LSTM, GRU, RNN

// Every handler; operators of the default ONNX domain only.
const HandlerMap& handlers();

}  // namespace axsim::onnx_import
