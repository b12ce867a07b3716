#include "models/core/energy.h"

#include "models/core/config.h"
#include "models/core/error.h"

namespace axsim::core {

const TechAction& TechTable::at(const std::string& action) const {
  auto it = actions.find(action);
  if (it != actions.end()) return it->second;
  std::string known;
  for (const auto& [key, value] : actions) known += (known.empty() ? "" : ", ") + key;
  throw InputError(SourceLocation{file, 0, 0}, "actions." + action,
                   "technology table '" + name + "' has no energy for action '" + action +
                       "' (it has: " + known + ")");
}

TechTable load_tech_table(const std::string& path) {
  const ConfigNode root = load_config_file(path);
  const Section top(root);
  TechTable table;
  table.file = path;
  table.name = top.string("name");
  table.source = top.string("source");
  const Section actions = top.section("actions");
  for (const std::string& key : actions.node().keys()) {
    const Section entry = actions.section(key);
    TechAction action;
    action.energy = entry.energy("energy");
    if (action.energy.si < 0) entry.fail("energy", "energy per action must not be negative");
    action.per = entry.string("per");
    action.source = entry.string("source");
    entry.finish();
    table.actions.emplace(key, action);
  }
  actions.finish();
  top.finish();
  return table;
}

void EnergyLedger::book(const std::string& component, const std::string& layer, Energy e) {
  total_ += e;
  by_component_[component] += e;
  if (!layer.empty()) {
    by_layer_[layer] += e;
    by_layer_component_[layer][component] += e;
  }
}

void EnergyLedger::count(const std::string& component, const std::string& layer,
                         const std::string& action, double count) {
  if (count <= 0) return;
  const TechAction& entry = table_->at(action);
  const Energy e = entry.energy * count;
  dynamic_ += e;
  action_counts_[action] += count;
  action_energy_[action] += e;
  book(component, layer, e);
}

void EnergyLedger::add_static(const std::string& component, const std::string& layer,
                              Power power, Time duration) {
  if (duration.si <= 0 || power.si <= 0) return;
  const Energy e = power * duration;
  static_ += e;
  book(component, layer, e);
}

Energy EnergyLedger::component(const std::string& name) const {
  auto it = by_component_.find(name);
  return it == by_component_.end() ? Energy() : it->second;
}

Energy EnergyLedger::layer(const std::string& name) const {
  auto it = by_layer_.find(name);
  return it == by_layer_.end() ? Energy() : it->second;
}

nlohmann::json EnergyLedger::to_json() const {
  nlohmann::json out;
  out["tech"] = {{"name", table_->name}, {"source", table_->source}};
  out["total_j"] = total_.si;
  out["dynamic_j"] = dynamic_.si;
  out["static_j"] = static_.si;
  out["by_component"] = nlohmann::json::object();
  for (const auto& [name, e] : by_component_) out["by_component"][name] = e.si;
  out["by_action"] = nlohmann::json::object();
  for (const auto& [name, count] : action_counts_) {
    const TechAction& entry = table_->at(name);
    out["by_action"][name] = {{"count", count},
                              {"per", entry.per},
                              {"energy_per_action_j", entry.energy.si},
                              {"energy_j", action_energy_.at(name).si}};
  }
  return out;
}

}  // namespace axsim::core
