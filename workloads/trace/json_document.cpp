#include "workloads/trace/json_document.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace axsim::trace {

namespace {

// nlohmann/json does not report where values start. It reads its input one character at a
// time through an iterator, so an iterator that publishes how far it got tells the parse
// callback where the lexer is whenever a value, key or bracket has just been read.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* position, const char** furthest)
      : position_(position), furthest_(furthest) {}
  const char& operator*() const { return *position_; }
  TrackingIterator& operator++() {
    ++position_;
    if (position_ > *furthest_) *furthest_ = position_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return position_ == other.position_; }
  bool operator!=(const TrackingIterator& other) const { return position_ != other.position_; }

 private:
  const char* position_;
  const char** furthest_;
};

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Line starts of a text, so that finding the line of an offset is a binary search rather
// than a scan from the start (a scan per value made large traces quadratic to load).
class LineIndex {
 public:
  explicit LineIndex(const std::string& text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  // 1-based line and column of the byte at `offset`.
  core::SourceLocation locate(size_t offset, const std::string& file) const {
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const size_t line = static_cast<size_t>(after - starts_.begin());
    return core::SourceLocation{file, static_cast<int>(line),
                                static_cast<int>(offset - starts_[line - 1] + 1)};
  }

 private:
  std::vector<size_t> starts_;
};

core::SourceLocation location_of(const std::string& text, size_t offset, const std::string& file) {
  return LineIndex(text).locate(offset < text.size() ? offset : text.size(), file);
}

// Follows the parser's events to know the JSON path of the value being read.
class PathTracker {
 public:
  PathTracker(const std::string& text, const char** furthest, JsonDocument& doc)
      : text_(text), lines_(text), furthest_(furthest), doc_(doc) {}

  bool on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        record(current_path());
        frames_.push_back({event == Event::array_start, 0, "", current_path()});
        break;
      case Event::key:
        frames_.back().key = parsed.get<std::string>();
        record(current_path());
        break;
      case Event::value:
        record(current_path());
        advance_element();
        break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        advance_element();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array;
    size_t index;
    std::string key;
    std::string path;
  };

  std::string current_path() const {
    if (frames_.empty()) return "";
    const Frame& top = frames_.back();
    return top.is_array ? element_path(top.path, top.index) : child_path(top.path, top.key);
  }

  void advance_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  // The lexer may have read one character past the token (after a number); stepping back
  // over whitespace keeps a number at the end of a line on that line.
  void record(const std::string& path) {
    size_t offset = static_cast<size_t>(*furthest_ - text_.data());
    if (offset > 0) --offset;
    while (offset > 0 && is_json_whitespace(text_[offset])) --offset;
    core::SourceLocation where = lines_.locate(offset, doc_.file);
    where.column = 0;  // only the line is reliable: the lexer stands at the token's end
    doc_.locations.emplace(path, where);
  }

  const std::string& text_;
  LineIndex lines_;
  const char** furthest_;
  JsonDocument& doc_;
  std::vector<Frame> frames_;
};

// nlohmann's messages start with "[json.exception.parse_error.101] " and parse errors go on
// with "parse error at line 1, column 2: "; the location is reported separately, so keep only
// the explanation.
std::string parse_error_detail(const std::string& message) {
  const size_t bracket = message.find("] ");
  std::string detail = bracket == std::string::npos ? message : message.substr(bracket + 2);
  const size_t colon = detail.find(": ");
  if (detail.rfind("parse error", 0) == 0 && colon != std::string::npos) {
    detail = detail.substr(colon + 2);
  }
  return detail;
}

}  // namespace

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string element_path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

core::SourceLocation JsonDocument::locate(const std::string& path) const {
  std::string probe = path;
  while (true) {
    const auto found = locations.find(probe);
    if (found != locations.end()) return found->second;
    if (probe.empty()) return core::SourceLocation{file, 0, 0};
    const size_t cut = probe.find_last_of(".[");
    probe = cut == std::string::npos ? "" : probe.substr(0, cut);
  }
}

JsonDocument parse_json_document(const std::string& text, const std::string& file) {
  JsonDocument doc;
  doc.file = file;
  const char* furthest = text.data();
  PathTracker tracker(text, &furthest, doc);
  const TrackingIterator first(text.data(), &furthest);
  const TrackingIterator last(text.data() + text.size(), &furthest);
  try {
    doc.root = nlohmann::json::parse(
        first, last, [&tracker](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return tracker.on_event(event, parsed);
        });
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points at the character that could not be read.
    const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    throw core::InputError(location_of(text, offset, file), "",
                           "invalid JSON: " + parse_error_detail(e.what()));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("1e999") is reported this way, without a position;
    // the lexer has just read one character past it.
    const size_t offset = static_cast<size_t>(furthest - text.data());
    throw core::InputError(location_of(text, offset >= 2 ? offset - 2 : 0, file), "",
                           "invalid JSON: " + parse_error_detail(e.what()));
  }
  return doc;
}

}  // namespace axsim::trace
