#include "tests/onnx/model_builder.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace axsim::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base ? base : "/tmp") + "/axsim-onnx-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
}

TempDir::~TempDir() { fs::remove_all(dir_); }

std::vector<float> ramp(int64_t n, uint32_t seed) {
  std::vector<float> values;
  uint32_t state = seed * 2654435761u + 12345u;
  for (int64_t i = 0; i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    values.push_back(static_cast<float>(state >> 8) / static_cast<float>(1u << 23) - 1.0f);
  }
  return values;
}

ModelBuilder::ModelBuilder(int opset) {
  model_.set_ir_version(8);
  model_.set_producer_name("axsim-tests");
  auto* entry = model_.add_opset_import();
  entry->set_domain("");
  entry->set_version(opset);
  model_.mutable_graph()->set_name("test");
}

ModelBuilder& ModelBuilder::input(const std::string& name, const std::vector<int64_t>& dims,
                                  int32_t elem_type) {
  auto* in = model_.mutable_graph()->add_input();
  in->set_name(name);
  auto* tensor = in->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(elem_type);
  auto* shape = tensor->mutable_shape();
  for (int64_t d : dims) {
    if (d < 0) {
      shape->add_dim()->set_dim_param("N");
    } else {
      shape->add_dim()->set_dim_value(d);
    }
  }
  return *this;
}

ModelBuilder& ModelBuilder::output(const std::string& name, int32_t elem_type) {
  auto* out = model_.mutable_graph()->add_output();
  out->set_name(name);
  out->mutable_type()->mutable_tensor_type()->set_elem_type(elem_type);
  return *this;
}

ModelBuilder& ModelBuilder::weight(const std::string& name, const std::vector<int64_t>& dims,
                                   const std::vector<float>& values) {
  auto* t = model_.mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
  return *this;
}

ModelBuilder& ModelBuilder::weight(const std::string& name, const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return weight(name, dims, ramp(n, static_cast<uint32_t>(name.size() + n)));
}

ModelBuilder& ModelBuilder::int_weight(const std::string& name, const std::vector<int64_t>& dims,
                                       const std::vector<int64_t>& values, int32_t elem_type) {
  auto* t = model_.mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(elem_type);
  for (int64_t d : dims) t->add_dims(d);
  for (int64_t v : values) {
    if (elem_type == onnx::TensorProto::INT64) {
      t->add_int64_data(v);
    } else {
      t->add_int32_data(static_cast<int32_t>(v));
    }
  }
  return *this;
}

onnx::NodeProto& ModelBuilder::node(const std::string& op, const std::vector<std::string>& inputs,
                                    const std::vector<std::string>& outputs,
                                    const std::string& name) {
  onnx::NodeProto* n = model_.mutable_graph()->add_node();
  n->set_op_type(op);
  n->set_name(name);
  for (const std::string& in : inputs) n->add_input(in);
  for (const std::string& out : outputs) n->add_output(out);
  return *n;
}

void ModelBuilder::save(const std::string& path) const {
  std::ofstream file(path, std::ios::binary);
  if (!model_.SerializeToOstream(&file)) throw std::runtime_error("cannot write " + path);
}

onnx_import::ImportResult ModelBuilder::import(const TempDir& dir,
                                               const onnx_import::ImportOptions& options) const {
  save(dir.path("model.onnx"));
  return onnx_import::import_onnx(dir.path("model.onnx"), options);
}

void set_attr(onnx::NodeProto& node, const std::string& name, int64_t value) {
  auto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(value);
}

void set_attr(onnx::NodeProto& node, const std::string& name, float value) {
  auto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(value);
}

void set_attr(onnx::NodeProto& node, const std::string& name, const std::vector<int64_t>& values) {
  auto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) a->add_ints(v);
}

void set_attr(onnx::NodeProto& node, const std::string& name, const std::string& value) {
  auto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

std::string testdata_model(const std::string& test, const std::vector<std::string>& constants,
                           const TempDir& dir) {
  const fs::path folder = fs::path("/usr/share/libonnx-testdata/data/node") / test;
  if (!fs::exists(folder / "model.onnx")) {
    throw std::runtime_error(
        folder.string() +
        " is missing: install Debian's libonnx-testdata (scripts/install-deps.sh)");
  }
  onnx::ModelProto model;
  {
    std::ifstream file(folder / "model.onnx", std::ios::binary);
    if (!model.ParseFromIstream(&file)) throw std::runtime_error("cannot read " + folder.string());
  }
  onnx::GraphProto& graph = *model.mutable_graph();
  google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> kept;
  for (int i = 0; i < graph.input_size(); ++i) {
    const std::string& name = graph.input(i).name();
    if (std::find(constants.begin(), constants.end(), name) == constants.end()) {
      *kept.Add() = graph.input(i);
      continue;
    }
    const fs::path data = folder / "test_data_set_0" / ("input_" + std::to_string(i) + ".pb");
    std::ifstream file(data, std::ios::binary);
    onnx::TensorProto tensor;
    if (!tensor.ParseFromIstream(&file)) throw std::runtime_error("cannot read " + data.string());
    tensor.set_name(name);
    *graph.add_initializer() = tensor;
  }
  graph.mutable_input()->Swap(&kept);
  const std::string path = dir.path(test + ".onnx");
  std::ofstream out(path, std::ios::binary);
  model.SerializeToOstream(&out);
  return path;
}

}  // namespace axsim::test
