// Typed reads from a result's optional `details` object (docs/result-format.md). Every read
// names the full key path in its error, so a malformed topic is reported as
// "details.power.duty_cycle: expected a number, found a string" rather than as a JSON
// library message.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/core/error.h"

namespace axsim::reports::details {

// Each throws core::InputError naming `path`.`key` when the key is missing or of another type.
const nlohmann::json& object_at(const nlohmann::json& object, const std::string& path,
                                const char* key);
const nlohmann::json& array_at(const nlohmann::json& object, const std::string& path,
                               const char* key);
double number_at(const nlohmann::json& object, const std::string& path, const char* key);
std::string string_at(const nlohmann::json& object, const std::string& path, const char* key);
bool bool_at(const nlohmann::json& object, const std::string& path, const char* key);
std::vector<int> integers_at(const nlohmann::json& object, const std::string& path,
                             const char* key);

// `value` itself must be an object (an array): InputError naming `path` otherwise.
void require_object(const nlohmann::json& value, const std::string& path);
void require_array(const nlohmann::json& value, const std::string& path);

// Reads topic `key` of `details` with `read` when present. A malformed topic is left out and
// its error appended to `notes`, so one bad topic never costs the rest of the page.
template <typename T, typename Read>
void read_topic(const nlohmann::json& details, const char* key, std::optional<T>& into,
                std::vector<std::string>& notes, Read read) {
  const auto it = details.find(key);
  if (it == details.end()) return;
  try {
    into = read(*it);
  } catch (const core::InputError& e) {
    notes.push_back(e.what());
  }
}

}  // namespace axsim::reports::details
