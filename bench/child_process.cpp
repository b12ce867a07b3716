#include "bench/child_process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <stdexcept>

namespace axsim::bench {

void run_in_child(const std::string& what, const std::function<void(void*)>& work, void* out,
                  std::size_t size) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    int code = 0;
    try {
      work(out);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", what.c_str(), e.what());
      code = 1;
    }
    if (::write(fds[1], out, size) != static_cast<ssize_t>(size)) code = 1;
    ::_exit(code);
  }
  ::close(fds[1]);
  const ssize_t got = ::read(fds[0], out, size);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (got != static_cast<ssize_t>(size) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("simulation of " + what + " failed");
  }
}

}  // namespace axsim::bench
