// An axsim process a test can signal while it runs: started in the background with its output
// in a file, waited for with a bound, and killed if the test ends first.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace axsim::test {

class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::filesystem::path& log);
  ~Child();  // SIGKILL if still running: a failed REQUIRE leaves no process behind
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void signal(int sig) const;
  // The exit code, 128 + the signal when one ended it, or -1 when still running after
  // `timeout_s`.
  int wait(double timeout_s);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Calls `done` every 10 ms for at most `timeout_s`; whether it came true.
bool wait_until(const std::function<bool()>& done, double timeout_s);

// The files directly in `dir` (none when it does not exist).
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir);

// The whole text of a file ("" when missing).
std::string text_of(const std::filesystem::path& path);

}  // namespace axsim::test
