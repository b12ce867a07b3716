// Errors a user can act on. InputError is bad input (exit code 2); anything else that
// escapes to the CLI is an internal failure (exit code 1).
#pragma once

#include <stdexcept>
#include <string>

namespace axsim::core {

// Where a value came from: a file position, or a command-line override ("--set").
struct SourceLocation {
  std::string file;  // empty when unknown
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown

  // "file:line:column", "file:line", "file" or "" depending on what is known.
  std::string to_string() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
  // Formats "<file>:<line>:<col>: <key_path>: <what>".
  InputError(const SourceLocation& where, const std::string& key_path, const std::string& what);
};

}  // namespace axsim::core
