#include "workloads/onnx/trace_fixup.h"

#include <map>
#include <string>

namespace axsim::onnx_import {

void match_inputs_to_producers(trace::Trace& trace) {
  std::map<std::string, const trace::Tensor*> produced;
  for (const trace::GraphInput& in : trace.inputs) produced[in.name] = &in.tensor;
  for (trace::Layer& layer : trace.layers) {
    for (trace::InputRef& in : layer.inputs) {
      const trace::Tensor& p = *produced.at(in.from);
      in.tensor.shape = p.shape;
      in.tensor.dtype = p.dtype;
      in.tensor.bits = p.bits;
      if (in.tensor.quant.scheme == trace::QuantScheme::none) in.tensor.quant = p.quant;
    }
    produced[layer.name] = &layer.output;
  }
}

}  // namespace axsim::onnx_import
