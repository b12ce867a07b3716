// Reading an .onnx file: the protobuf message, checked to be an ONNX model, with every tensor
// stored in external data files read into memory.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace axsim::onnx_import {

// Throws core::InputError when the file cannot be read, is not an ONNX model (truncated,
// corrupt, or some other format), or names external data that is missing or too short.
::onnx::ModelProto read_model(const std::string& path);

}  // namespace axsim::onnx_import
