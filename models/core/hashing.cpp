#include "models/core/hashing.h"

#include <cstdint>
#include <cstdio>

namespace axsim::core {

std::string content_hash(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

std::string canonical_config_text(const ConfigNode& node) {
  switch (node.kind()) {
    case ConfigNode::Kind::null:
      return "~";
    case ConfigNode::Kind::scalar:
      return "\"" + node.scalar() + "\"";
    case ConfigNode::Kind::sequence: {
      std::string out = "[";
      for (const auto& item : node.items()) out += canonical_config_text(item) + ",";
      return out + "]";
    }
    case ConfigNode::Kind::map: {
      std::string out = "{";
      for (const auto& key : node.keys()) {
        out += "\"" + key + "\":" + canonical_config_text(node.at(key)) + ",";
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace axsim::core
