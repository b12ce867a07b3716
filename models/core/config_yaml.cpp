// Builds ConfigNode trees straight from yaml-cpp's parser events. Going through events rather
// than YAML::LoadAll gives exact key positions, lets duplicate keys and alias abuse be refused
// while parsing, and avoids LoadAll's endless loop on inputs such as "," (yaml-cpp issue 1040).
#include "models/core/config_yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <optional>
#include <sstream>
#include <vector>

namespace axsim::core {
namespace {

// Aliases let a few bytes describe a tree of any size, so expansion is bounded. Real configs
// are far below both limits.
constexpr size_t kMaxDepth = 64;
constexpr size_t kMaxNodes = 200000;

class Builder : public YAML::EventHandler {
 public:
  // Nodes are located in `file`, or all at `fixed` when it is set (override values).
  Builder(std::string file, std::optional<SourceLocation> fixed, std::string root_path,
          SourceLocation root_at)
      : file_(std::move(file)),
        fixed_(std::move(fixed)),
        root_path_(std::move(root_path)),
        root_at_(std::move(root_at)) {}

  const std::optional<ConfigNode>& root() const { return root_; }
  // An error found while building; raised only once the parser has finished, so that a YAML
  // syntax error further on (which often causes the odd structure) is what gets reported.
  const std::optional<InputError>& deferred_error() const { return error_; }
  SourceLocation document_at() const { return at(document_start_); }

  SourceLocation at(const YAML::Mark& mark) const {
    if (fixed_) return *fixed_;
    if (mark.is_null()) return root_at_;
    return SourceLocation{file_, mark.line + 1, mark.column + 1};
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 can report an empty document without consuming input; a document starting
    // where the previous one did means the parser is stuck on a token it cannot use.
    if (documents_ > 0 && mark.pos == document_start_.pos) {
      throw InputError(at(mark), root_path_, "YAML syntax error: unexpected character");
    }
    if (documents_ > 0) {
      throw InputError(at(mark), root_path_, "expected one YAML document, found a second");
    }
    document_start_ = mark;
    ++documents_;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    guarded([&] {
      if (take_key(mark, "")) return;
      const Slot slot = next_slot(mark);
      finish(ConfigNode::make_null(slot.where, slot.path), anchor);
    });
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    guarded([&] {
      if (take_key(mark, value)) return;
      const Slot slot = next_slot(mark);
      finish(ConfigNode::make_scalar(value, slot.where, slot.path), anchor);
    });
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    guarded([&] {
      refuse_complex_key(mark);
      const Slot slot = next_slot(mark);
      const auto found = anchors_.find(anchor);
      if (found == anchors_.end()) {
        throw InputError(slot.where, slot.path, "an alias cannot refer to a node containing it");
      }
      finish(copy_at(found->second, slot.path), YAML::NullAnchor);
    });
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    guarded([&] {
      refuse_complex_key(mark);
      const Slot slot = next_slot(mark);
      open(ConfigNode::make_sequence(slot.where, slot.path), anchor);
    });
  }
  void OnSequenceEnd() override {
    guarded([&] { close(); });
  }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    guarded([&] {
      refuse_complex_key(mark);
      const Slot slot = next_slot(mark);
      open(ConfigNode::make_map(slot.where, slot.path), anchor);
    });
  }
  void OnMapEnd() override {
    guarded([&] { close(); });
  }

 private:
  // Once building has failed, later events are ignored: the tree is abandoned anyway.
  template <typename Step>
  void guarded(Step step) {
    if (error_) return;
    try {
      step();
    } catch (const InputError& e) {
      error_ = e;
    }
  }

  struct Frame {
    ConfigNode node;
    YAML::anchor_t anchor;
    std::optional<std::string> key;  // a map's key waiting for its value
    SourceLocation key_at;
    std::map<std::string, SourceLocation> seen;  // a map's keys so far
  };
  struct Slot {
    SourceLocation where;
    std::string path;
  };

  bool expecting_key() const {
    return !stack_.empty() && stack_.back().node.is_map() && !stack_.back().key;
  }

  // In a map awaiting a key, a scalar event is that key; returns whether it was consumed.
  bool take_key(const YAML::Mark& mark, const std::string& key) {
    if (!expecting_key()) return false;
    Frame& map = stack_.back();
    const SourceLocation key_at = at(mark);
    if (key.empty()) {
      throw InputError(key_at, map.node.path(), "map keys must be non-empty strings");
    }
    const auto [first, inserted] = map.seen.emplace(key, key_at);
    if (!inserted) {
      throw InputError(key_at, child_path(map.node.path(), key),
                       "duplicate key (first defined at " + first->second.to_string() + ")");
    }
    map.key = key;
    map.key_at = key_at;
    return true;
  }

  void refuse_complex_key(const YAML::Mark& mark) const {
    if (expecting_key()) {
      throw InputError(at(mark), stack_.back().node.path(), "map keys must be non-empty strings");
    }
  }

  // Where the node that starts at `mark` goes: map entries sit at their key.
  Slot next_slot(const YAML::Mark& mark) {
    count_node(mark);
    if (stack_.empty()) return {root_at_, root_path_};
    Frame& parent = stack_.back();
    if (parent.node.is_map()) return {parent.key_at, child_path(parent.node.path(), *parent.key)};
    return {at(mark), item_path(parent.node.path(), parent.node.items().size())};
  }

  void count_node(const YAML::Mark& mark) {
    if (++nodes_ > kMaxNodes) {
      throw InputError(
          at(mark), root_path_,
          "more than " + std::to_string(kMaxNodes) + " values after expanding aliases");
    }
  }

  void open(ConfigNode node, YAML::anchor_t anchor) {
    if (stack_.size() >= kMaxDepth) {
      throw InputError(node.location(), node.path(),
                       "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    stack_.push_back(Frame{std::move(node), anchor, std::nullopt, {}, {}});
  }

  void close() {
    Frame done = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(done.node), done.anchor);
  }

  // Attaches a completed node to its parent (or makes it the root) and records its anchor.
  void finish(ConfigNode node, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = node;
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.is_map()) {
      parent.node.set(*parent.key, std::move(node));
      parent.key.reset();
    } else {
      parent.node.push_back(std::move(node));
    }
  }

  // An alias repeats the anchored node's values (and their file positions) at a new path.
  ConfigNode copy_at(const ConfigNode& original, const std::string& path) {
    switch (original.kind()) {
      case ConfigNode::Kind::scalar:
        return ConfigNode::make_scalar(original.scalar(), original.location(), path);
      case ConfigNode::Kind::sequence: {
        ConfigNode out = ConfigNode::make_sequence(original.location(), path);
        for (const ConfigNode& item : original.items()) {
          count_node(YAML::Mark::null_mark());
          out.push_back(copy_at(item, item_path(path, out.items().size())));
        }
        return out;
      }
      case ConfigNode::Kind::map: {
        ConfigNode out = ConfigNode::make_map(original.location(), path);
        for (const std::string& key : original.keys()) {
          count_node(YAML::Mark::null_mark());
          out.set(key, copy_at(original.at(key), child_path(path, key)));
        }
        return out;
      }
      case ConfigNode::Kind::null:
        break;
    }
    return ConfigNode::make_null(original.location(), path);
  }

  std::string file_;
  std::optional<SourceLocation> fixed_;
  std::string root_path_;
  SourceLocation root_at_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, ConfigNode> anchors_;
  std::optional<ConfigNode> root_;
  std::optional<InputError> error_;
  YAML::Mark document_start_;
  size_t documents_ = 0;
  size_t nodes_ = 0;
};

// Runs the parser over `text`. yaml-cpp's message repeats the position ("yaml-cpp: error at
// line 2, column 3: ..."), which InputError already carries, so only its description is kept.
void run_parser(const std::string& text, Builder& builder, const std::string& path) {
  std::istringstream stream(text);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    throw InputError(builder.at(e.mark), path, "YAML syntax error: " + e.msg);
  }
  if (builder.deferred_error()) throw *builder.deferred_error();
}

}  // namespace

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string item_path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

ConfigNode parse_yaml_document(const std::string& text, const std::string& file) {
  // The root stays located at the file alone: "missing key" errors at the top level have no
  // better line to point at.
  const SourceLocation whole_file{file, 0, 0};
  Builder builder(file, std::nullopt, "", whole_file);
  run_parser(text, builder, "");
  const std::optional<ConfigNode>& root = builder.root();
  if (!root || root->kind() == ConfigNode::Kind::null) return ConfigNode::make_map(whole_file, "");
  if (!root->is_map()) {
    throw InputError(builder.document_at(), "",
                     "the top level of a config must be a map of keys to values");
  }
  return *root;
}

ConfigNode parse_yaml_value(const std::string& text, const SourceLocation& where,
                            const std::string& path) {
  Builder builder("", where, path, where);
  run_parser(text, builder, path);
  const std::optional<ConfigNode>& root = builder.root();
  return root ? *root : ConfigNode::make_null(where, path);
}

}  // namespace axsim::core
