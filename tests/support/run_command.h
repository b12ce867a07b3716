// Runs a shell command the way a user would and captures what it printed, for end-to-end
// tests of the axsim binary.
#pragma once

#include <string>

namespace axsim::test {

struct CommandOutcome {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string output;  // stdout and stderr together
};

CommandOutcome run_command(const std::string& command);

}  // namespace axsim::test
