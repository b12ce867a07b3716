// Runs a shell command the way a user would and captures what it printed, for end-to-end
// tests of the axsim binary.
#pragma once

#include <filesystem>
#include <string>

namespace axsim::test {

struct CommandOutcome {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string output;  // stdout and stderr together
};

CommandOutcome run_command(const std::string& command);

// An empty folder "axsim-<name>" under the system's temporary directory (emptied if it was
// there), for a test's inputs and outputs.
std::filesystem::path fresh_dir(const std::string& name);

#ifdef AXSIM_BINARY
// The axsim binary under test (each e2e test target defines AXSIM_BINARY) with `args`.
inline CommandOutcome run_axsim(const std::string& args) {
  return run_command(std::string(AXSIM_BINARY) + " " + args);
}
#endif

}  // namespace axsim::test
