#include "models/core/stats.h"

#include <stdexcept>

namespace axsim::core {

Stat& StatGroup::add(const std::string& name, const std::string& description,
                     const std::string& unit) {
  if (find(name) != nullptr || find_group(name) != nullptr) {
    throw std::logic_error("statistic '" + name + "' defined twice in group '" + name_ + "'");
  }
  stats_.push_back(Stat{name, description, unit, 0.0});
  return stats_.back();
}

StatGroup& StatGroup::group(const std::string& name) {
  for (auto& child : children_) {
    if (child->name() == name) return *child;
  }
  if (find(name) != nullptr) {
    throw std::logic_error("group '" + name + "' clashes with a statistic in '" + name_ + "'");
  }
  children_.push_back(std::make_unique<StatGroup>(name));
  return *children_.back();
}

const Stat* StatGroup::find(const std::string& name) const {
  for (const auto& stat : stats_) {
    if (stat.name == name) return &stat;
  }
  return nullptr;
}

const StatGroup* StatGroup::find_group(const std::string& name) const {
  for (const auto& child : children_) {
    if (child->name() == name) return child.get();
  }
  return nullptr;
}

nlohmann::json StatGroup::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& stat : stats_) {
    out[stat.name] = {{"value", stat.value}, {"unit", stat.unit}, {"description", stat.description}};
  }
  for (const auto& child : children_) out[child->name()] = child->to_json();
  return out;
}

}  // namespace axsim::core
