#include "models/core/error.h"

namespace axsim::core {

std::string SourceLocation::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

static std::string format_error(const SourceLocation& where, const std::string& key_path,
                                const std::string& what) {
  std::string out;
  const std::string at = where.to_string();
  if (!at.empty()) out += at + ": ";
  if (!key_path.empty()) out += "key '" + key_path + "': ";
  return out + what;
}

InputError::InputError(const SourceLocation& where, const std::string& key_path,
                       const std::string& what)
    : std::runtime_error(format_error(where, key_path, what)) {}

}  // namespace axsim::core
