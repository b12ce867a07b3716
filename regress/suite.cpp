#include "regress/suite.h"

#include <filesystem>
#include <set>

#include "models/core/config.h"
#include "models/core/error.h"

namespace axsim::regress {

namespace {

namespace fs = std::filesystem;

std::string resolve(const std::string& suite_file, const std::string& path) {
  const fs::path p(path);
  if (p.is_absolute()) return p.string();
  return (fs::path(suite_file).parent_path() / p).lexically_normal().string();
}

std::string existing_file(const core::Section& section, const std::string& key,
                          const std::string& suite_file) {
  const std::string path = resolve(suite_file, section.string(key));
  if (!fs::is_regular_file(path)) section.fail(key, "no such file '" + path + "'");
  return path;
}

Tolerances read_tolerances(const core::Section& section) {
  Tolerances out;
  for (const std::string& key : tolerance_keys()) {
    if (!section.has(key)) continue;
    const double relative = section.number(key);
    if (!(relative >= 0)) section.fail(key, "a tolerance is relative and >= 0 (0.01 = 1 %)");
    out.set(key, relative);
  }
  section.finish();
  return out;
}

// The name becomes a file name and a table cell, so keep it to a portable alphabet.
void check_case_name(const core::Section& section, const std::string& name,
                     std::set<std::string>& seen) {
  const bool safe = !name.empty() &&
                    name.find_first_not_of(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789._-") == std::string::npos &&
                    name.front() != '.';
  if (!safe) section.fail("name", "case names use letters, digits, '.', '_' and '-' only");
  if (!seen.insert(name).second) section.fail("name", "two cases are named '" + name + "'");
}

std::vector<std::string> read_overrides(const core::Section& section) {
  std::vector<std::string> out;
  if (!section.has("set")) return out;
  const core::ConfigNode& list = section.child("set");
  if (!list.is_sequence()) section.fail("set", "expected a list of \"key=value\" strings");
  for (const core::ConfigNode& item : list.items()) {
    if (!item.is_scalar() || item.scalar().find('=') == std::string::npos) {
      throw core::InputError(item.location(), item.path(), "expected \"key=value\"");
    }
    out.push_back(item.scalar());
  }
  return out;
}

}  // namespace

Suite load_suite(const std::string& path) {
  const core::ConfigNode root = core::load_config_file(path);
  const core::Section top(root);
  Suite suite;
  suite.file = path;
  suite.name = top.string("name");
  suite.golden_dir = resolve(path, top.string("golden_dir"));
  const Tolerances defaults =
      top.has("tolerances") ? read_tolerances(top.section("tolerances")) : Tolerances{};
  std::set<std::string> names;
  for (const core::Section& entry : top.sections("cases")) {
    Case c;
    c.name = entry.string("name");
    check_case_name(entry, c.name, names);
    c.config = existing_file(entry, "config", path);
    c.trace = existing_file(entry, "trace", path);
    c.overrides = read_overrides(entry);
    c.tolerances = entry.has("tolerances")
                       ? defaults.merged_with(read_tolerances(entry.section("tolerances")))
                       : defaults;
    c.golden = (fs::path(suite.golden_dir) / (c.name + ".json")).string();
    entry.finish();
    suite.cases.push_back(std::move(c));
  }
  if (suite.cases.empty()) top.fail("cases", "a suite needs at least one case");
  top.finish();
  return suite;
}

}  // namespace axsim::regress
