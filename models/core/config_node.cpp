#include <algorithm>
#include <stdexcept>
#include <utility>

#include "models/core/config.h"

namespace axsim::core {

bool ConfigNode::has(const std::string& key) const {
  return kind_ == Kind::map && children_.count(key) != 0;
}

const ConfigNode& ConfigNode::at(const std::string& key) const {
  const std::string key_path = path_.empty() ? key : path_ + "." + key;
  if (kind_ != Kind::map)
    throw InputError(location_, path_, "expected a map containing '" + key + "'");
  const auto found = children_.find(key);
  if (found == children_.end()) throw InputError(location_, key_path, "missing required key");
  return found->second;
}

ConfigNode ConfigNode::make_scalar(std::string value, SourceLocation where, std::string path) {
  ConfigNode node;
  node.kind_ = Kind::scalar;
  node.scalar_ = std::move(value);
  node.location_ = std::move(where);
  node.path_ = std::move(path);
  return node;
}

ConfigNode ConfigNode::make_map(SourceLocation where, std::string path) {
  ConfigNode node = make_null(std::move(where), std::move(path));
  node.kind_ = Kind::map;
  return node;
}

ConfigNode ConfigNode::make_sequence(SourceLocation where, std::string path) {
  ConfigNode node = make_null(std::move(where), std::move(path));
  node.kind_ = Kind::sequence;
  return node;
}

ConfigNode ConfigNode::make_null(SourceLocation where, std::string path) {
  ConfigNode node;
  node.location_ = std::move(where);
  node.path_ = std::move(path);
  return node;
}

// The builders are called by the loader with nodes it has just checked, so misuse is a
// programming error, not bad input.
ConfigNode& ConfigNode::set(const std::string& key, ConfigNode value) {
  if (kind_ != Kind::map) throw std::logic_error("ConfigNode::set on a non-map node " + path_);
  const auto found = children_.find(key);
  if (found != children_.end()) {
    found->second = std::move(value);
    return found->second;
  }
  keys_.push_back(key);
  return children_.emplace(key, std::move(value)).first->second;
}

void ConfigNode::erase(const std::string& key) {
  if (children_.erase(key) == 0) return;
  keys_.erase(std::find(keys_.begin(), keys_.end(), key));
}

void ConfigNode::push_back(ConfigNode value) {
  if (kind_ != Kind::sequence) {
    throw std::logic_error("ConfigNode::push_back on a non-sequence node " + path_);
  }
  items_.push_back(std::move(value));
}

}  // namespace axsim::core
