// Reading config files and composing them through `base:` and `include:`.
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "models/core/config.h"
#include "models/core/config_yaml.h"

namespace axsim::core {
namespace fs = std::filesystem;
namespace {

// One file on the current base/include chain, for cycle detection and its message.
struct ChainLink {
  std::string identity;  // canonical path
  std::string shown;     // as the user wrote it, resolved against the including file
};
using Chain = std::vector<ChainLink>;

std::string identity_of(const fs::path& file) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file, ec);
  return ec ? file.lexically_normal().string() : canonical.string();
}

// The whole file, or nothing when it is not a readable regular file.
std::optional<std::string> read_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Merges `top` over `bottom`: maps merge key by key, anything else replaces. The merged map
// takes `top`'s location, since that is the file the user is most likely editing.
void merge_into(ConfigNode& bottom, const ConfigNode& top) {
  if (!bottom.is_map() || !top.is_map()) {
    bottom = top;
    return;
  }
  ConfigNode merged = ConfigNode::make_map(top.location(), top.path());
  for (const std::string& key : bottom.keys()) merged.set(key, bottom.at(key));
  for (const std::string& key : top.keys()) {
    if (merged.has(key)) {
      ConfigNode child = merged.at(key);
      merge_into(child, top.at(key));
      merged.set(key, std::move(child));
    } else {
      merged.set(key, top.at(key));
    }
  }
  bottom = std::move(merged);
}

ConfigNode compose(const std::string& text, const std::string& shown, const fs::path& directory,
                   bool resolve, Chain& chain);

// Loads a file named by a `base:` or `include:` entry (`reference`).
ConfigNode load_referenced(const ConfigNode& reference, const fs::path& directory, Chain& chain) {
  if (!reference.is_scalar() || reference.scalar().empty()) {
    throw InputError(reference.location(), reference.path(), "expected a file name");
  }
  const fs::path written(reference.scalar());
  const fs::path file = (written.is_absolute() ? written : directory / written).lexically_normal();
  const std::string identity = identity_of(file);
  for (size_t i = 0; i < chain.size(); ++i) {
    if (chain[i].identity != identity) continue;
    std::string cycle;
    for (size_t j = i; j < chain.size(); ++j) cycle += chain[j].shown + " -> ";
    throw InputError(reference.location(), reference.path(),
                     "include cycle: " + cycle + file.string());
  }
  const std::optional<std::string> text = read_file(file);
  if (!text) {
    throw InputError(reference.location(), reference.path(),
                     "cannot read '" + reference.scalar() + "': no such file (looked for '" +
                         file.string() + "')");
  }
  chain.push_back({identity, file.string()});
  ConfigNode loaded = compose(*text, file.string(), file.parent_path(), true, chain);
  chain.pop_back();
  return loaded;
}

std::vector<const ConfigNode*> include_list(const ConfigNode& include) {
  std::vector<const ConfigNode*> out;
  if (include.is_sequence()) {
    for (const ConfigNode& item : include.items()) out.push_back(&item);
  } else if (include.is_scalar()) {
    out.push_back(&include);
  } else {
    throw InputError(include.location(), include.path(),
                     "expected a file name or a list of file names");
  }
  return out;
}

ConfigNode compose(const std::string& text, const std::string& shown, const fs::path& directory,
                   bool resolve, Chain& chain) {
  ConfigNode own = parse_yaml_document(text, shown);
  const bool has_base = own.has("base");
  const bool has_include = own.has("include");
  if (!has_base && !has_include) return own;
  if (!resolve) {
    const ConfigNode& key = own.at(has_base ? "base" : "include");
    throw InputError(key.location(), key.path(),
                     "cannot resolve other files from config text that was not read from a file");
  }

  ConfigNode result = ConfigNode::make_map(own.location(), "");
  if (has_base) result = load_referenced(own.at("base"), directory, chain);
  if (has_include) {
    for (const ConfigNode* entry : include_list(own.at("include"))) {
      merge_into(result, load_referenced(*entry, directory, chain));
    }
  }
  own.erase("base");
  own.erase("include");
  merge_into(result, own);
  return result;
}

}  // namespace

ConfigNode load_config_file(const std::string& path) {
  const fs::path file(path);
  const std::optional<std::string> text = read_file(file);
  if (!text) {
    throw InputError(SourceLocation{path, 0, 0}, "", "cannot read config file: no such file");
  }
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  Chain chain{{identity_of(file), path}};
  return compose(*text, path, directory, true, chain);
}

ConfigNode parse_config_text(const std::string& text, const std::string& name,
                             const std::string& directory) {
  Chain chain;
  if (!directory.empty()) chain.push_back({identity_of(fs::path(directory) / name), name});
  return compose(text, name, fs::path(directory), !directory.empty(), chain);
}

ConfigNode load_config(const std::string& path, const std::vector<std::string>& overrides) {
  ConfigNode root = load_config_file(path);
  for (const std::string& assignment : overrides) apply_override(root, assignment);
  return root;
}

}  // namespace axsim::core
