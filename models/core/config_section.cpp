// Section: typed, checked reads of one config map.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "models/core/config.h"
#include "models/core/config_yaml.h"

namespace axsim::core {
namespace {

// How a node reads in "expected X, got <this>".
std::string describe(const ConfigNode& node) {
  switch (node.kind()) {
    case ConfigNode::Kind::scalar:
      return "'" + node.scalar() + "'";
    case ConfigNode::Kind::map:
      return "a map";
    case ConfigNode::Kind::sequence:
      return "a list";
    case ConfigNode::Kind::null:
      break;
  }
  return "no value";
}

// YAML writes a positive sign as often as not; from_chars does not accept one.
std::string_view without_plus(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  return text;
}

bool parse_integer(const std::string& text, int64_t& value) {
  const std::string_view digits = without_plus(text);
  if (digits.size() != text.size() && !digits.empty() && digits.front() == '-') return false;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size();
}

bool parse_number(const std::string& text, double& value) {
  const std::string_view digits = without_plus(text);
  if (digits.size() != text.size() && !digits.empty() && digits.front() == '-') return false;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size() && std::isfinite(value);
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

bool is_prefix(const std::string& shorter, const std::string& longer) {
  return shorter.size() < longer.size() && longer.compare(0, shorter.size(), shorter) == 0;
}

// " (did you mean 'rows'?)" for the closest declared key within two edits or sharing a
// prefix, else the declared keys, so the user never has to guess.
std::string suggestion(const std::string& unknown, const std::set<std::string>& known) {
  if (known.empty()) return "";
  const std::string* best = nullptr;
  size_t best_distance = 3;
  for (const std::string& candidate : known) {
    const size_t distance = edit_distance(unknown, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  for (const std::string& candidate : known) {
    if (best == nullptr && (is_prefix(unknown, candidate) || is_prefix(candidate, unknown))) {
      best = &candidate;
    }
  }
  if (best != nullptr) return " (did you mean '" + *best + "'?)";
  std::string list;
  for (const std::string& candidate : known) list += (list.empty() ? "" : ", ") + candidate;
  return " (known keys: " + list + ")";
}

template <typename Quantity>
Quantity read_quantity(const Section& section, const std::string& key,
                       Quantity (*parse)(const std::string&)) {
  const std::string text = section.string(key);
  try {
    return parse(text);
  } catch (const std::invalid_argument& e) {
    section.fail(key, e.what());
  }
}

}  // namespace

Section::Section(const ConfigNode& node)
    : node_(&node),
      known_(std::make_shared<std::set<std::string>>()),
      opened_(std::make_shared<std::map<std::string, Section>>()) {
  if (!node.is_map()) {
    throw InputError(node.location(), node.path(), "expected a map, got " + describe(node));
  }
}

bool Section::has(const std::string& key) const {
  known_->insert(key);
  return node_->has(key);
}

const ConfigNode& Section::child(const std::string& key) const {
  known_->insert(key);
  return node_->at(key);
}

void Section::fail(const std::string& key, const std::string& message) const {
  const SourceLocation& where = node_->has(key) ? node_->at(key).location() : node_->location();
  throw InputError(where, child_path(node_->path(), key), message);
}

std::string Section::string(const std::string& key) const {
  const ConfigNode& value = child(key);
  if (!value.is_scalar()) fail(key, "expected a string, got " + describe(value));
  return value.scalar();
}

std::string Section::string_or(const std::string& key, const std::string& fallback) const {
  return has(key) ? string(key) : fallback;
}

std::string Section::choice(const std::string& key, const std::vector<std::string>& allowed) const {
  const std::string value = string(key);
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string list;
  for (const std::string& option : allowed) list += (list.empty() ? "'" : ", '") + option + "'";
  fail(key, "expected one of " + list + ", got '" + value + "'");
}

std::string Section::choice_or(const std::string& key, const std::vector<std::string>& allowed,
                               const std::string& fallback) const {
  return has(key) ? choice(key, allowed) : fallback;
}

int64_t Section::integer(const std::string& key) const {
  const ConfigNode& value = child(key);
  int64_t out = 0;
  if (!value.is_scalar() || !parse_integer(value.scalar(), out)) {
    fail(key, "expected an integer, got " + describe(value));
  }
  return out;
}

int64_t Section::integer_or(const std::string& key, int64_t fallback) const {
  return has(key) ? integer(key) : fallback;
}

double Section::number(const std::string& key) const {
  const ConfigNode& value = child(key);
  double out = 0.0;
  if (!value.is_scalar() || !parse_number(value.scalar(), out)) {
    fail(key, "expected a number, got " + describe(value));
  }
  return out;
}

double Section::number_or(const std::string& key, double fallback) const {
  return has(key) ? number(key) : fallback;
}

bool Section::boolean(const std::string& key) const {
  const ConfigNode& value = child(key);
  if (value.is_scalar()) {
    const std::string& text = value.scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  fail(key, "expected true or false, got " + describe(value));
}

bool Section::boolean_or(const std::string& key, bool fallback) const {
  return has(key) ? boolean(key) : fallback;
}

std::vector<int64_t> Section::integers(const std::string& key) const {
  const ConfigNode& list = child(key);
  if (!list.is_sequence()) fail(key, "expected a list of integers, got " + describe(list));
  std::vector<int64_t> out;
  for (const ConfigNode& item : list.items()) {
    int64_t value = 0;
    if (!item.is_scalar() || !parse_integer(item.scalar(), value)) {
      throw InputError(item.location(), item.path(), "expected an integer, got " + describe(item));
    }
    out.push_back(value);
  }
  return out;
}

Time Section::time(const std::string& key) const { return read_quantity(*this, key, parse_time); }
Frequency Section::frequency(const std::string& key) const {
  return read_quantity(*this, key, parse_frequency);
}
Bytes Section::bytes(const std::string& key) const {
  return read_quantity(*this, key, parse_bytes);
}
Bandwidth Section::bandwidth(const std::string& key) const {
  return read_quantity(*this, key, parse_bandwidth);
}
Energy Section::energy(const std::string& key) const {
  return read_quantity(*this, key, parse_energy);
}
Power Section::power(const std::string& key) const {
  return read_quantity(*this, key, parse_power);
}

Section Section::section(const std::string& key) const {
  const ConfigNode& value = child(key);
  if (!value.is_map()) fail(key, "expected a map, got " + describe(value));
  return opened_->try_emplace(value.path(), value).first->second;
}

std::vector<Section> Section::sections(const std::string& key) const {
  const ConfigNode& list = child(key);
  if (!list.is_sequence()) fail(key, "expected a list of maps, got " + describe(list));
  // Every item is checked before any is registered, so a rejected list leaves no half-read
  // sections behind for finish() to complain about.
  for (const ConfigNode& item : list.items()) {
    if (!item.is_map()) {
      throw InputError(item.location(), item.path(), "expected a map, got " + describe(item));
    }
  }
  std::vector<Section> out;
  for (const ConfigNode& item : list.items()) {
    out.push_back(opened_->try_emplace(item.path(), item).first->second);
  }
  return out;
}

int64_t Section::positive_integer(const std::string& key) const {
  const int64_t value = integer(key);
  if (value <= 0) fail(key, "must be a positive integer, got " + std::to_string(value));
  return value;
}

double Section::positive_number(const std::string& key) const {
  const double value = number(key);
  if (!(value > 0)) fail(key, "must be a positive number, got " + node_->at(key).scalar());
  return value;
}

void Section::finish() const {
  for (const std::string& key : node_->keys()) {
    if (known_->count(key) != 0) continue;
    throw InputError(node_->at(key).location(), node_->path(),
                     "unknown key '" + key + "'" + suggestion(key, *known_));
  }
  for (const auto& entry : *opened_) entry.second.finish();
}

}  // namespace axsim::core
