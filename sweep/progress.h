// Sweep progress on stderr: a redrawn bar with done / failed / ETA on a terminal, one plain
// line per finished point otherwise (CI logs).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace axsim::sweep {

class Progress {
 public:
  Progress(size_t total, size_t already_done);
  void finished(size_t point_index, const std::string& status, const std::string& error);
  void close();

 private:
  void draw();

  size_t total_;
  size_t done_;
  size_t failed_ = 0;
  size_t run_here_ = 0;  // points finished by this process (for the ETA)
  bool tty_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace axsim::sweep
