// Small ONNX models written from tests: a graph built node by node with the ONNX protobuf
// types, saved to a temporary folder and imported as a user's file would be.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/onnx/onnx_import.h"

namespace axsim::test {

// A fresh folder under $TMPDIR (or /tmp), removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path(const std::string& file) const { return dir_ + "/" + file; }

 private:
  std::string dir_;
};

// Deterministic weights in [-1, 1): tests need values, not particular ones.
std::vector<float> ramp(int64_t n, uint32_t seed = 1);

class ModelBuilder {
 public:
  explicit ModelBuilder(int opset = 17);

  // A graph input; a negative dimension is symbolic ("N").
  ModelBuilder& input(const std::string& name, const std::vector<int64_t>& dims,
                      int32_t elem_type = onnx::TensorProto::FLOAT);
  ModelBuilder& output(const std::string& name, int32_t elem_type = onnx::TensorProto::FLOAT);
  ModelBuilder& weight(const std::string& name, const std::vector<int64_t>& dims,
                       const std::vector<float>& values);
  // Random-looking float weights of `dims`.
  ModelBuilder& weight(const std::string& name, const std::vector<int64_t>& dims);
  ModelBuilder& int_weight(const std::string& name, const std::vector<int64_t>& dims,
                           const std::vector<int64_t>& values, int32_t elem_type);
  onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::string& name = "");

  onnx::ModelProto& model() { return model_; }
  void save(const std::string& path) const;
  // Saves to `dir` as model.onnx and imports it.
  onnx_import::ImportResult import(const TempDir& dir,
                                   const onnx_import::ImportOptions& options = {}) const;

 private:
  onnx::ModelProto model_;
};

void set_attr(onnx::NodeProto& node, const std::string& name, int64_t value);
void set_attr(onnx::NodeProto& node, const std::string& name, float value);
void set_attr(onnx::NodeProto& node, const std::string& name, const std::vector<int64_t>& values);
void set_attr(onnx::NodeProto& node, const std::string& name, const std::string& value);

// A node test graph of Debian's libonnx-testdata (/usr/share/libonnx-testdata/data/node),
// with the graph inputs named in `constants` turned into initializers from its
// test_data_set_0, as a deployed model would hold them; written to `dir`.
std::string testdata_model(const std::string& test, const std::vector<std::string>& constants,
                           const TempDir& dir);

}  // namespace axsim::test
