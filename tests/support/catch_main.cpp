// Test runner for every test executable. libsystemc provides main() and calls sc_main, so
// Catch2's session is started from here. ctest runs each TEST_CASE in its own process
// (catch_discover_tests), which gives each case a fresh SystemC kernel.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <systemc>

int sc_main(int argc, char* argv[]) { return Catch::Session().run(argc, argv); }
