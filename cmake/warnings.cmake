# axsim_warnings: the warning set every project target compiles with.
add_library(axsim_warnings INTERFACE)
target_compile_options(axsim_warnings INTERFACE -Wall -Wextra -Wpedantic
  $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>)
if(AXSIM_WERROR)
  target_compile_options(axsim_warnings INTERFACE -Werror)
endif()

# axsim_base: what every project target links: the include root (headers are included as
# "models/core/units.h") and the warning set.
add_library(axsim_base INTERFACE)
target_include_directories(axsim_base INTERFACE ${PROJECT_SOURCE_DIR})
target_link_libraries(axsim_base INTERFACE axsim_warnings)
