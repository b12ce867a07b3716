#include "tests/gpu/child_simulation.h"

#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <stdexcept>
#include <systemc>

#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/result.h"
#include "models/run/accelerator.h"

namespace axsim::test {

namespace {

std::string run_here(const std::string& section_text, const trace::Trace& trace) {
  const core::TechTable tech =
      core::load_tech_table(std::string(AXSIM_SOURCE_DIR) + "/configs/tech/horowitz-45nm.yaml");
  const core::ConfigNode node = core::parse_config_text(section_text, "test.yaml");
  const core::Section section(node);
  auto accelerator = run::accelerators().get("gpu").factory({section, tech});
  accelerator->build(trace);
  sc_core::sc_start();
  core::RunResult result;
  accelerator->collect(result);
  return core::result_to_json(result).dump();
}

void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

nlohmann::json simulate_gpu(const std::string& section_text, const trace::Trace& trace) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    int code = 0;
    std::string text;
    try {
      text = run_here(section_text, trace);
    } catch (const std::exception& e) {
      text = e.what();
      code = 3;
    }
    write_all(fds[1], text);
    ::close(fds[1]);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("simulation failed: " + text);
  }
  return nlohmann::json::parse(text);
}

}  // namespace axsim::test
