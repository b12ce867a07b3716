// Values of constant tensors: initializers, Constant nodes and folded subgraphs. Weights are
// kept with their values because folding a batch norm and quantizing need them.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace axsim::onnx_import {

struct Constant {
  int32_t elem_type = ::onnx::TensorProto::FLOAT;
  std::vector<int64_t> dims;
  // Exactly one holds the elements (row-major): `reals` for floating-point element types,
  // `ints` for integer and boolean ones. Two vectors rather than one of doubles because
  // shape arithmetic uses int64 values (INT64_MAX as "to the end") that a double rounds.
  std::vector<double> reals;
  std::vector<int64_t> ints;

  bool is_real() const;
  int64_t size() const;         // number of elements
  double real(size_t i) const;  // element i as a double, whichever vector holds it
  int64_t integer(size_t i) const;
};

bool is_real_type(int32_t elem_type);
// "float", "uint8", ... for messages.
std::string elem_type_name(int32_t elem_type);
int64_t element_count(const std::vector<int64_t>& dims);

// Decodes a tensor held in the model (raw bytes or typed fields). External data must have
// been read into the tensor already (model_file.h). `where` names the tensor in errors.
Constant read_constant(const ::onnx::TensorProto& tensor, const std::string& where);

// The tensor form of a constant, named `name`, for ONNX shape inference to read.
::onnx::TensorProto to_tensor_proto(const Constant& constant, const std::string& name);

// A constant of `elem_type` with `dims`, its elements zero.
Constant make_constant(int32_t elem_type, std::vector<int64_t> dims);

}  // namespace axsim::onnx_import
