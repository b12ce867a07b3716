// Configuration files: YAML read into a tree that remembers where every value came from,
// composed with `base:` / `include:`, overridden with `--set a.b.c=value`, then read through
// Section, which knows which keys a component declared and rejects the rest.
//
// Composition rules (see docs/config-reference.md):
//   base: other.yaml          the file starts as a copy of other.yaml; this file's keys are
//                             merged over it (maps merge key by key, scalars and lists replace)
//   include: [a.yaml, b.yaml] each listed file is merged in, in order, before this file's own
//                             keys; relative paths are relative to the including file
//   cycles are errors; both keys are removed from the resulting tree.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "models/core/error.h"
#include "models/core/units.h"

namespace axsim::core {

class ConfigNode {
 public:
  enum class Kind { null, scalar, map, sequence };

  Kind kind() const { return kind_; }
  bool is_map() const { return kind_ == Kind::map; }
  bool is_sequence() const { return kind_ == Kind::sequence; }
  bool is_scalar() const { return kind_ == Kind::scalar; }
  const SourceLocation& location() const { return location_; }
  // Dotted key path from the root, e.g. "array.rows" or "layers[3].name"; "" for the root.
  const std::string& path() const { return path_; }
  const std::string& scalar() const { return scalar_; }

  // Maps keep their keys in file order.
  bool has(const std::string& key) const;
  const ConfigNode& at(const std::string& key) const;  // InputError if missing
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<ConfigNode>& items() const { return items_; }  // sequences

  // Builders used by the loader and by overrides.
  static ConfigNode make_scalar(std::string value, SourceLocation where, std::string path);
  static ConfigNode make_map(SourceLocation where, std::string path);
  static ConfigNode make_sequence(SourceLocation where, std::string path);
  static ConfigNode make_null(SourceLocation where, std::string path);
  ConfigNode& set(const std::string& key, ConfigNode value);  // insert or replace
  void erase(const std::string& key);
  void push_back(ConfigNode value);

 private:
  Kind kind_ = Kind::null;
  SourceLocation location_;
  std::string path_;
  std::string scalar_;
  std::vector<std::string> keys_;
  std::map<std::string, ConfigNode> children_;
  std::vector<ConfigNode> items_;
};

// Reads a file with its base/include chain. Errors (missing file, YAML syntax, cycles) are
// InputError naming the file and line.
ConfigNode load_config_file(const std::string& path);
// Parses YAML text; `name` stands for the file in messages. base/include resolve against
// `directory` (no composition when it is empty).
ConfigNode parse_config_text(const std::string& text, const std::string& name,
                             const std::string& directory = "");
// Applies "a.b.c=value" (value parsed as YAML, so lists work: "a.b=[1,2]"). Creates missing
// map levels; an index into a list is written "layers.3.name". Malformed assignments are
// InputError naming the override.
void apply_override(ConfigNode& root, const std::string& assignment);
// load_config_file + apply_override for each.
ConfigNode load_config(const std::string& path, const std::vector<std::string>& overrides = {});

// A map node read by a component. Each accessor marks its key as known; finish() throws an
// InputError for the first key that no accessor asked for, with "did you mean" when a known
// key is within a small edit distance. Type and range errors name file, line, column and key.
class Section {
 public:
  explicit Section(const ConfigNode& node);  // InputError unless node is a map

  const ConfigNode& node() const { return *node_; }
  bool has(const std::string& key) const;  // also marks the key as known

  std::string string(const std::string& key) const;
  std::string string_or(const std::string& key, const std::string& fallback) const;
  // One of `allowed`, else InputError listing them.
  std::string choice(const std::string& key, const std::vector<std::string>& allowed) const;
  std::string choice_or(const std::string& key, const std::vector<std::string>& allowed,
                        const std::string& fallback) const;
  int64_t integer(const std::string& key) const;
  int64_t integer_or(const std::string& key, int64_t fallback) const;
  double number(const std::string& key) const;
  double number_or(const std::string& key, double fallback) const;
  bool boolean(const std::string& key) const;
  bool boolean_or(const std::string& key, bool fallback) const;
  std::vector<int64_t> integers(const std::string& key) const;  // a YAML list of integers

  Time time(const std::string& key) const;
  Frequency frequency(const std::string& key) const;
  Bytes bytes(const std::string& key) const;
  Bandwidth bandwidth(const std::string& key) const;
  Energy energy(const std::string& key) const;
  Power power(const std::string& key) const;

  Section section(const std::string& key) const;                // nested map
  std::vector<Section> sections(const std::string& key) const;  // list of maps
  const ConfigNode& child(const std::string& key) const;        // any node, marks it known

  // Throws InputError at the key's location: "<file>:<line>:<col>: key 'a.b': <message>".
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  // Convenience range checks that call fail().
  int64_t positive_integer(const std::string& key) const;
  double positive_number(const std::string& key) const;

  // Also finishes every nested Section handed out by section() and sections(), so one call on
  // the root, after all components have read their parts, checks the whole tree they read.
  void finish() const;

 private:
  const ConfigNode* node_;
  std::shared_ptr<std::set<std::string>> known_;
  // Nested sections by path, shared by copies: asking twice for the same key yields the same
  // known-key set, so two readers of one map do not each reject the other's keys.
  std::shared_ptr<std::map<std::string, Section>> opened_;
};

}  // namespace axsim::core
