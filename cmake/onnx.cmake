# ONNX import (workloads/onnx) links Debian's libonnx and libprotobuf. Found by hand rather
# than through ONNXConfig.cmake: that file refuses to load unless every ONNXIFI library it
# lists is installed, and fails with a message that does not say which package is missing.
option(AXSIM_WITH_ONNX "Build ONNX model import (needs libonnx-dev and libprotobuf-dev)" ON)

if(AXSIM_WITH_ONNX)
  find_package(Protobuf QUIET)
  find_path(AXSIM_ONNX_INCLUDE_DIR onnx/onnx_pb.h)
  find_path(AXSIM_ONNX_INFERENCE_INCLUDE_DIR onnx/shape_inference/implementation.h)
  find_library(AXSIM_ONNX_LIBRARY onnx)
  find_library(AXSIM_ONNX_PROTO_LIBRARY onnx_proto)
  set(_axsim_onnx_missing "")
  foreach(_found Protobuf_FOUND AXSIM_ONNX_INCLUDE_DIR AXSIM_ONNX_INFERENCE_INCLUDE_DIR
          AXSIM_ONNX_LIBRARY AXSIM_ONNX_PROTO_LIBRARY)
    if(NOT ${_found})
      list(APPEND _axsim_onnx_missing ${_found})
    endif()
  endforeach()
  if(_axsim_onnx_missing)
    message(FATAL_ERROR "AXSIM_WITH_ONNX is ON but ONNX or protobuf was not found "
      "(missing: ${_axsim_onnx_missing}). Install them with scripts/install-deps.sh "
      "(Debian packages libonnx-dev libprotobuf-dev) or configure with -DAXSIM_WITH_ONNX=OFF.")
  endif()

  # Debian builds libonnx with ONNX_ML and the namespace 'onnx'; its headers only agree with
  # the library when compiled with the same definitions.
  add_library(axsim_onnx_libs INTERFACE)
  target_include_directories(axsim_onnx_libs SYSTEM INTERFACE ${AXSIM_ONNX_INCLUDE_DIR})
  target_compile_definitions(axsim_onnx_libs INTERFACE ONNX_NAMESPACE=onnx ONNX_ML=1)
  target_link_libraries(axsim_onnx_libs INTERFACE ${AXSIM_ONNX_LIBRARY}
    ${AXSIM_ONNX_PROTO_LIBRARY} protobuf::libprotobuf Threads::Threads)
  add_library(axsim::onnx_libs ALIAS axsim_onnx_libs)
  message(STATUS "ONNX import: ${AXSIM_ONNX_LIBRARY}")
endif()
