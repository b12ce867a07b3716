# Every dependency comes from a Debian package; nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)

# SystemC: upstream installs ship a CMake config, Debian ships only systemc.pc.
find_package(SystemCLanguage CONFIG QUIET)
if(SystemCLanguage_FOUND)
  add_library(axsim_systemc INTERFACE)
  target_link_libraries(axsim_systemc INTERFACE SystemC::systemc Threads::Threads)
else()
  pkg_check_modules(SYSTEMC REQUIRED IMPORTED_TARGET systemc)
  add_library(axsim_systemc INTERFACE)
  target_link_libraries(axsim_systemc INTERFACE PkgConfig::SYSTEMC Threads::Threads)
endif()
add_library(axsim::systemc ALIAS axsim_systemc)

if(AXSIM_BUILD_RTL)
  find_package(verilator 5 REQUIRED CONFIG)
endif()

if(AXSIM_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
