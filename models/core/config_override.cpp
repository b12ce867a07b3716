// `--set a.b.c=value` overrides applied to a loaded config tree.
#include <charconv>
#include <vector>

#include "models/core/config.h"
#include "models/core/config_yaml.h"

namespace axsim::core {
namespace {

struct Override {
  SourceLocation where;           // file "--set <assignment>", so errors quote what was typed
  std::vector<std::string> keys;  // "layers.3.name" -> layers, 3, name
  std::string value;              // YAML text
};

Override parse_assignment(const std::string& assignment) {
  Override out;
  out.where = SourceLocation{"--set " + assignment, 0, 0};
  const size_t equals = assignment.find('=');
  const std::string malformed = "expected key.path=value";
  if (equals == std::string::npos || equals == 0) throw InputError(out.where, "", malformed);
  const std::string path = assignment.substr(0, equals);
  out.value = assignment.substr(equals + 1);
  size_t start = 0;
  for (;;) {
    const size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (key.empty()) throw InputError(out.where, "", malformed + " (empty key in '" + path + "')");
    out.keys.push_back(key);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

bool parse_index(const std::string& text, size_t& index) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  return ec == std::errc() && end == text.data() + text.size();
}

// Returns `node` with `o.keys[depth..]` set to the override's value. The tree is rebuilt along
// the path rather than edited in place, because ConfigNode exposes its children read-only.
ConfigNode assigned(const ConfigNode& node, const Override& o, size_t depth,
                    const std::string& path) {
  const std::string& key = o.keys[depth];
  const bool last = depth + 1 == o.keys.size();
  if (node.is_sequence()) {
    size_t index = 0;
    if (!parse_index(key, index) || index >= node.items().size()) {
      const size_t count = node.items().size();
      const std::string range = count == 0 ? "" : " (0 to " + std::to_string(count - 1) + ")";
      throw InputError(o.where, path,
                       "is a list of " + std::to_string(count) + (count == 1 ? " item" : " items") +
                           "; '" + key + "' is not an index into it" + range);
    }
    const std::string entry_path = item_path(path, index);
    ConfigNode out = ConfigNode::make_sequence(node.location(), node.path());
    for (size_t i = 0; i < node.items().size(); ++i) {
      if (i != index) {
        out.push_back(node.items()[i]);
      } else if (last) {
        out.push_back(parse_yaml_value(o.value, o.where, entry_path));
      } else {
        out.push_back(assigned(node.items()[i], o, depth + 1, entry_path));
      }
    }
    return out;
  }
  if (node.is_scalar()) {
    throw InputError(o.where, path,
                     "holds the value '" + node.scalar() + "' (set at " +
                         node.location().to_string() + "), so it cannot contain '" + key + "'");
  }
  // A null node (a key written with no value) becomes the map the override needs.
  ConfigNode out = node.is_map() ? node : ConfigNode::make_map(o.where, path);
  const std::string entry_path = child_path(path, key);
  if (last) {
    out.set(key, parse_yaml_value(o.value, o.where, entry_path));
  } else {
    const ConfigNode child = out.has(key) ? out.at(key) : ConfigNode::make_map(o.where, entry_path);
    out.set(key, assigned(child, o, depth + 1, entry_path));
  }
  return out;
}

}  // namespace

void apply_override(ConfigNode& root, const std::string& assignment) {
  const Override o = parse_assignment(assignment);
  root = assigned(root, o, 0, "");
}

}  // namespace axsim::core
