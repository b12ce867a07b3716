// Node attributes by name, with the defaults the ONNX operator specifications give.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace axsim::onnx_import {

const ::onnx::AttributeProto* find_attr(const ::onnx::NodeProto& node, const std::string& name);
bool has_attr(const ::onnx::NodeProto& node, const std::string& name);
int64_t attr_int(const ::onnx::NodeProto& node, const std::string& name, int64_t fallback);
double attr_float(const ::onnx::NodeProto& node, const std::string& name, double fallback);
std::string attr_string(const ::onnx::NodeProto& node, const std::string& name,
                        const std::string& fallback);
std::vector<int64_t> attr_ints(const ::onnx::NodeProto& node, const std::string& name,
                               std::vector<int64_t> fallback = {});

// Input i's name, or "" when the node has fewer inputs (an omitted optional input is "" too).
const std::string& input_name(const ::onnx::NodeProto& node, int i);
const std::string& output_name(const ::onnx::NodeProto& node, int i);

}  // namespace axsim::onnx_import
