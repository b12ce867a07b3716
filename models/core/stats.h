// Statistics as objects: every value has a name, a description and a unit, and lives in a
// group that mirrors the module tree. One walker (to_json) writes the whole tree.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace axsim::core {

struct Stat {
  std::string name;
  std::string description;
  std::string unit;  // "s", "B", "cycles", "J", "1" for plain counts and ratios
  double value = 0.0;

  Stat& operator+=(double v) { value += v; return *this; }
};

class StatGroup {
 public:
  explicit StatGroup(std::string name) : name_(std::move(name)) {}
  StatGroup(const StatGroup&) = delete;
  StatGroup& operator=(const StatGroup&) = delete;

  const std::string& name() const { return name_; }
  // Adds a statistic; the reference stays valid for the group's lifetime. A duplicate name
  // is a programming error (std::logic_error).
  Stat& add(const std::string& name, const std::string& description, const std::string& unit);
  // Returns the child group of that name, creating it on first use.
  StatGroup& group(const std::string& name);
  const Stat* find(const std::string& name) const;
  const StatGroup* find_group(const std::string& name) const;

  // {"<stat>": {"value": v, "unit": u, "description": d}, ..., "<child>": {...}}
  nlohmann::json to_json() const;

 private:
  std::string name_;
  std::deque<Stat> stats_;
  std::vector<std::unique_ptr<StatGroup>> children_;
};

}  // namespace axsim::core
