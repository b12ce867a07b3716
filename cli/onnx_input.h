// `axsim run` on an ONNX model: the model is imported first and the run reads the trace.
#pragma once

#include <string>

namespace axsim::cli {

// `path` itself unless it names an .onnx model; then the model is imported with default
// options, its trace written to `<out_dir>/<model>.trace.json`, and that path returned.
std::string trace_for_run(const std::string& path, const std::string& out_dir);

}  // namespace axsim::cli
