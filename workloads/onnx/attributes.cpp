#include "workloads/onnx/attributes.h"

namespace axsim::onnx_import {

const ::onnx::AttributeProto* find_attr(const ::onnx::NodeProto& node, const std::string& name) {
  for (const ::onnx::AttributeProto& attr : node.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

bool has_attr(const ::onnx::NodeProto& node, const std::string& name) {
  return find_attr(node, name) != nullptr;
}

int64_t attr_int(const ::onnx::NodeProto& node, const std::string& name, int64_t fallback) {
  const ::onnx::AttributeProto* attr = find_attr(node, name);
  return attr ? attr->i() : fallback;
}

double attr_float(const ::onnx::NodeProto& node, const std::string& name, double fallback) {
  const ::onnx::AttributeProto* attr = find_attr(node, name);
  return attr ? attr->f() : fallback;
}

std::string attr_string(const ::onnx::NodeProto& node, const std::string& name,
                        const std::string& fallback) {
  const ::onnx::AttributeProto* attr = find_attr(node, name);
  return attr ? attr->s() : fallback;
}

std::vector<int64_t> attr_ints(const ::onnx::NodeProto& node, const std::string& name,
                               std::vector<int64_t> fallback) {
  const ::onnx::AttributeProto* attr = find_attr(node, name);
  if (attr == nullptr) return fallback;
  return {attr->ints().begin(), attr->ints().end()};
}

const std::string& input_name(const ::onnx::NodeProto& node, int i) {
  static const std::string kNone;
  return i < node.input_size() ? node.input(i) : kNone;
}

const std::string& output_name(const ::onnx::NodeProto& node, int i) {
  static const std::string kNone;
  return i < node.output_size() ? node.output(i) : kNone;
}

}  // namespace axsim::onnx_import
