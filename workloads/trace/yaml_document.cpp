#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>

#include "workloads/trace/json_document.h"

namespace axsim::trace {

namespace {

core::SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return core::SourceLocation{file, 0, 0};
  return core::SourceLocation{file, mark.line + 1, mark.column + 1};
}

bool parse_integer(const std::string& text, nlohmann::json& out) {
  int64_t value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || stop != end) return false;
  out = value;
  return true;
}

bool parse_float(const std::string& text, nlohmann::json& out) {
  if (text.find_first_of("0123456789") == std::string::npos) return false;
  if (text.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
  errno = 0;
  char* stop = nullptr;
  const double value = std::strtod(text.c_str(), &stop);
  if (errno != 0 || stop != text.c_str() + text.size()) return false;
  out = value;
  return true;
}

// A plain (unquoted) scalar takes the type YAML 1.2's core schema gives it; a quoted one is
// always a string, so `name: "1"` stays text.
nlohmann::json scalar_value(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  nlohmann::json number;
  if (parse_integer(text, number) || parse_float(text, number)) return number;
  return text;
}

nlohmann::json convert(const YAML::Node& node, const std::string& path, JsonDocument& doc) {
  doc.locations.emplace(path, location_of(node.Mark(), doc.file));
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      return scalar_value(node);
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (size_t i = 0; i < node.size(); ++i) {
        array.push_back(convert(node[i], element_path(path, i), doc));
      }
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          throw core::InputError(location_of(entry.first.Mark(), doc.file), path,
                                 "map keys must be plain strings");
        }
        const std::string key = entry.first.Scalar();
        const std::string member = child_path(path, key);
        if (object.contains(key)) {
          throw core::InputError(location_of(entry.first.Mark(), doc.file), member,
                                 "duplicate key");
        }
        doc.locations.emplace(member, location_of(entry.first.Mark(), doc.file));
        object[key] = convert(entry.second, member, doc);
      }
      return object;
    }
  }
  return nullptr;
}

}  // namespace

JsonDocument parse_yaml_document(const std::string& text, const std::string& file) {
  JsonDocument doc;
  doc.file = file;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw core::InputError(location_of(e.mark, file), "", "invalid YAML: " + e.msg);
  }
  doc.root = convert(root, "", doc);
  return doc;
}

}  // namespace axsim::trace
