#include "reports/details_json.h"

#include "models/core/error.h"

namespace axsim::reports::details {

namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& path, const std::string& expected, const json& found) {
  const std::string type = found.type_name();
  const bool vowel = type.find_first_of("aeiou") == 0;
  throw core::InputError(path + ": expected " + expected + ", found " +
                         (found.is_null() ? type : (vowel ? "an " : "a ") + type));
}

const json& member(const json& object, const std::string& path, const char* key) {
  require_object(object, path);
  const auto it = object.find(key);
  if (it == object.end()) throw core::InputError(path + "." + key + ": missing");
  return *it;
}

}  // namespace

void require_object(const json& value, const std::string& path) {
  if (!value.is_object()) refuse(path, "an object", value);
}

void require_array(const json& value, const std::string& path) {
  if (!value.is_array()) refuse(path, "an array", value);
}

const json& object_at(const json& object, const std::string& path, const char* key) {
  const json& value = member(object, path, key);
  if (!value.is_object()) refuse(path + "." + key, "an object", value);
  return value;
}

const json& array_at(const json& object, const std::string& path, const char* key) {
  const json& value = member(object, path, key);
  if (!value.is_array()) refuse(path + "." + key, "an array", value);
  return value;
}

double number_at(const json& object, const std::string& path, const char* key) {
  const json& value = member(object, path, key);
  if (!value.is_number()) refuse(path + "." + key, "a number", value);
  return value.get<double>();
}

std::string string_at(const json& object, const std::string& path, const char* key) {
  const json& value = member(object, path, key);
  if (!value.is_string()) refuse(path + "." + key, "a string", value);
  return value.get<std::string>();
}

bool bool_at(const json& object, const std::string& path, const char* key) {
  const json& value = member(object, path, key);
  if (!value.is_boolean()) refuse(path + "." + key, "true or false", value);
  return value.get<bool>();
}

std::vector<int> integers_at(const json& object, const std::string& path, const char* key) {
  const json& list = array_at(object, path, key);
  std::vector<int> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_number_integer()) {
      refuse(path + "." + key + "[" + std::to_string(i) + "]", "an integer", list[i]);
    }
    out.push_back(list[i].get<int>());
  }
  return out;
}

}  // namespace axsim::reports::details
