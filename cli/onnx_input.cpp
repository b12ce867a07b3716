#include "cli/onnx_input.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "models/core/error.h"
#include "workloads/trace/trace_io.h"
#ifdef AXSIM_HAVE_ONNX
#include "workloads/onnx/onnx_import.h"
#endif

namespace axsim::cli {

std::string trace_for_run(const std::string& path, [[maybe_unused]] const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".onnx") return path;
#ifdef AXSIM_HAVE_ONNX
  onnx_import::ImportResult imported;
  try {
    imported = onnx_import::import_onnx(path);
  } catch (const core::InputError& e) {
    throw core::InputError(std::string(e.what()) +
                           " (axsim import takes --input-shape, --quantize and --unsupported; "
                           "import the model with them and run the trace)");
  }
  fs::create_directories(out_dir);
  const std::string trace_path =
      (fs::path(out_dir) / (fs::path(path).stem().string() + ".trace.json")).string();
  trace::write_trace(imported.trace, trace_path);
  return trace_path;
#else
  throw core::InputError(path + ": this axsim was built without ONNX import (AXSIM_WITH_ONNX=OFF)");
#endif
}

}  // namespace axsim::cli
