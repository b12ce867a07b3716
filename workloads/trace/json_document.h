// A parsed trace file before it becomes a Trace: the JSON tree plus where each value sits in
// the source, so that type and key errors found later can still name a line. YAML files are
// converted into the same tree, which lets one reader serve both formats.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "models/core/error.h"

namespace axsim::trace {

struct JsonDocument {
  std::string file;
  nlohmann::json root;
  // Keyed by JSON path: "" for the root, "layers[3].inputs[0].shape".
  std::map<std::string, core::SourceLocation> locations;

  // The location of `path`, or of its closest enclosing value that has one.
  core::SourceLocation locate(const std::string& path) const;
};

// Syntax errors are InputError with the file, line and column.
JsonDocument parse_json_document(const std::string& text, const std::string& file);
JsonDocument parse_yaml_document(const std::string& text, const std::string& file);

// "layers[3]" + "name" -> "layers[3].name"; "" + "layers" -> "layers".
std::string child_path(const std::string& parent, const std::string& key);
std::string element_path(const std::string& parent, size_t index);

}  // namespace axsim::trace
