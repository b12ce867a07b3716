// Energy accounting: actions counted by the models times energy per action from a technology
// table (configs/tech/*.yaml), plus static power times time, kept per component, per layer
// and per action so a report can break the total down any of those ways.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "models/core/units.h"

namespace axsim::core {

struct TechAction {
  Energy energy;       // per action
  std::string per;     // what one action is: "MAC", "byte", "conversion", ...
  std::string source;  // datasheet / paper the figure comes from
};

struct TechTable {
  std::string name;
  std::string source;
  std::string file;  // where it was loaded from
  std::map<std::string, TechAction> actions;

  // InputError naming the table and the known actions when `action` is missing.
  const TechAction& at(const std::string& action) const;
};

// File layout:
//   name: horowitz-45nm
//   source: "..."
//   actions:
//     mac_int8: {energy: 0.23 pJ, per: MAC, source: "..."}
TechTable load_tech_table(const std::string& path);

class EnergyLedger {
 public:
  explicit EnergyLedger(const TechTable& table) : table_(&table) {}

  // Dynamic energy: count × energy of `action` in the table.
  void count(const std::string& component, const std::string& layer, const std::string& action,
             double count);
  // Static (leakage / always-on) energy of a component over an interval.
  void add_static(const std::string& component, const std::string& layer, Power power,
                  Time duration);

  Energy total() const { return total_; }
  Energy dynamic_total() const { return dynamic_; }
  Energy static_total() const { return static_; }
  Energy component(const std::string& name) const;
  Energy layer(const std::string& name) const;
  const std::map<std::string, Energy>& by_component() const { return by_component_; }
  const std::map<std::string, Energy>& by_layer() const { return by_layer_; }
  // Per-layer, per-component energy (layer -> component -> energy).
  const std::map<std::string, std::map<std::string, Energy>>& by_layer_component() const {
    return by_layer_component_;
  }

  // {"total_j", "dynamic_j", "static_j", "tech", "by_component": {...}, "by_action": {name:
  // {"count", "energy_j", "per", "energy_per_action_j"}}}
  nlohmann::json to_json() const;

 private:
  void book(const std::string& component, const std::string& layer, Energy e);

  const TechTable* table_;
  Energy total_, dynamic_, static_;
  std::map<std::string, Energy> by_component_;
  std::map<std::string, Energy> by_layer_;
  std::map<std::string, std::map<std::string, Energy>> by_layer_component_;
  std::map<std::string, double> action_counts_;
  std::map<std::string, Energy> action_energy_;
};

}  // namespace axsim::core
