#include "workloads/onnx/model_file.h"

#include <google/protobuf/io/coded_stream.h>

#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/core/error.h"

namespace axsim::onnx_import {

namespace {

namespace fs = std::filesystem;
using ::onnx::TensorProto;

std::string read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw core::InputError("cannot open ONNX model '" + path + "'");
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

struct ExternalRef {
  std::string location;
  int64_t offset = 0;
  int64_t length = -1;  // -1: to the end of the file
};

int64_t parse_count(const std::string& text, const std::string& where, const std::string& key) {
  try {
    size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  throw core::InputError(where + ": external data " + key + " '" + text +
                         "' is not a non-negative integer");
}

ExternalRef external_ref(const TensorProto& t, const std::string& where) {
  ExternalRef ref;
  for (const auto& entry : t.external_data()) {
    if (entry.key() == "location") ref.location = entry.value();
    if (entry.key() == "offset") ref.offset = parse_count(entry.value(), where, "offset");
    if (entry.key() == "length") ref.length = parse_count(entry.value(), where, "length");
  }
  if (ref.location.empty()) throw core::InputError(where + ": external data has no location");
  // The ONNX spec makes locations relative to the model's folder; one that leaves it would
  // let a downloaded model read any file.
  const fs::path location(ref.location);
  if (location.is_absolute()) {
    throw core::InputError(where + ": external data location '" + ref.location +
                           "' must be relative to the model's folder");
  }
  for (const fs::path& part : location) {
    if (part == "..") {
      throw core::InputError(where + ": external data location '" + ref.location +
                             "' must not leave the model's folder");
    }
  }
  return ref;
}

// Reads the tensor's bytes from its external file into raw_data.
void load_external(TensorProto& t, const fs::path& folder, const std::string& where) {
  const ExternalRef ref = external_ref(t, where);
  const fs::path file_path = folder / ref.location;
  std::ifstream file(file_path, std::ios::binary);
  if (!file) {
    throw core::InputError(where + ": cannot open its external data file '" + file_path.string() +
                           "'");
  }
  const int64_t file_size = static_cast<int64_t>(fs::file_size(file_path));
  const int64_t length = ref.length < 0 ? file_size - ref.offset : ref.length;
  if (ref.offset > file_size || length < 0 || ref.offset + length > file_size) {
    throw core::InputError(
        where + ": external data file '" + file_path.string() + "' holds " +
        std::to_string(file_size) + " bytes, the tensor needs bytes " + std::to_string(ref.offset) +
        " to " + std::to_string(ref.offset + std::max<int64_t>(length, 0)) + " (truncated?)");
  }
  std::string bytes(static_cast<size_t>(length), '\0');
  file.seekg(ref.offset);
  file.read(bytes.data(), length);
  t.set_raw_data(std::move(bytes));
  t.clear_external_data();
  t.set_data_location(TensorProto::DEFAULT);
}

void load_external_data(::onnx::GraphProto& graph, const fs::path& folder,
                        const std::string& path) {
  for (TensorProto& t : *graph.mutable_initializer()) {
    if (t.data_location() == TensorProto::EXTERNAL) {
      load_external(t, folder, path + ": initializer '" + t.name() + "'");
    }
  }
  for (::onnx::NodeProto& node : *graph.mutable_node()) {
    for (::onnx::AttributeProto& attr : *node.mutable_attribute()) {
      if (attr.has_t() && attr.t().data_location() == TensorProto::EXTERNAL) {
        load_external(*attr.mutable_t(), folder,
                      path + ": node '" + node.name() + "' attribute '" + attr.name() + "'");
      }
      for (::onnx::GraphProto& sub : *attr.mutable_graphs()) load_external_data(sub, folder, path);
      if (attr.has_g()) load_external_data(*attr.mutable_g(), folder, path);
    }
  }
}

}  // namespace

::onnx::ModelProto read_model(const std::string& path) {
  const std::string bytes = read_bytes(path);
  const std::string not_onnx = path + ": not an ONNX model";
  if (bytes.empty()) throw core::InputError(not_onnx + ": the file is empty");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    throw core::InputError(path +
                           ": a model over 2 GB must keep its weights in external data "
                           "files (protobuf cannot read larger messages)");
  }
  ::onnx::ModelProto model;
  google::protobuf::io::CodedInputStream stream(reinterpret_cast<const uint8_t*>(bytes.data()),
                                                static_cast<int>(bytes.size()));
  stream.SetTotalBytesLimit(INT_MAX);
  if (!model.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage()) {
    throw core::InputError(not_onnx +
                           ": it does not parse as an ONNX protobuf (truncated, corrupt, or "
                           "another format)");
  }
  // Arbitrary bytes sometimes parse as a protobuf message with nothing known in it.
  if (model.ir_version() <= 0) throw core::InputError(not_onnx + ": it has no IR version");
  if (!model.has_graph() || model.graph().node_size() == 0) {
    throw core::InputError(not_onnx + ": it holds no graph nodes");
  }
  load_external_data(*model.mutable_graph(), fs::path(path).parent_path(), path);
  return model;
}

}  // namespace axsim::onnx_import
