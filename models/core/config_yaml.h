// YAML text to ConfigNode, shared by the file loader and by --set overrides. Internal to
// axsim_core: nothing outside models/core includes it, so yaml-cpp stays out of other headers.
#pragma once

#include <string>

#include "models/core/config.h"

namespace axsim::core {

// One YAML document from a file (or text standing for one). Every node is located at
// `file`:line:column, map entries at their key. An empty document is an empty map at the
// root; syntax errors, duplicate keys and non-string keys are InputError.
ConfigNode parse_yaml_document(const std::string& text, const std::string& file);

// A value given outside any file (a --set override): every node is located at `where` and
// paths start at `path`.
ConfigNode parse_yaml_value(const std::string& text, const SourceLocation& where,
                            const std::string& path);

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string child_path(const std::string& parent, const std::string& key);
// "layers" + 3 -> "layers[3]".
std::string item_path(const std::string& parent, size_t index);

}  // namespace axsim::core
