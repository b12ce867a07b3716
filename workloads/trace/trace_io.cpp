#include "workloads/trace/trace_io.h"

#include <fstream>
#include <sstream>

#include "models/core/error.h"
#include "workloads/trace/json_document.h"
#include "workloads/trace/trace_read.h"
#include "workloads/trace/validate.h"

namespace axsim::trace {

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw core::InputError("cannot open trace file '" + path + "'");
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

Trace parse_trace_json(const std::string& text, const std::string& name) {
  return read_trace_document(parse_json_document(text, name));
}

Trace parse_trace_yaml(const std::string& text, const std::string& name) {
  return read_trace_document(parse_yaml_document(text, name));
}

Trace load_trace(const std::string& path) {
  Trace trace;
  if (ends_with(path, ".json")) {
    trace = parse_trace_json(read_file(path), path);
  } else if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
    trace = parse_trace_yaml(read_file(path), path);
  } else {
    throw core::InputError("trace file '" + path +
                           "' must end in .json, .yaml or .yml to tell its format");
  }
  validate_trace(trace, path);
  return trace;
}

}  // namespace axsim::trace
