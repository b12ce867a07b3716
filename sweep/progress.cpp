#include "sweep/progress.h"

#include <cstdio>

#include <unistd.h>

namespace axsim::sweep {

Progress::Progress(size_t total, size_t already_done)
    : total_(total),
      done_(already_done),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {
  if (!tty_) std::fprintf(stderr, "sweep: %zu points, %zu in the cache\n", total, already_done);
  draw();
}

void Progress::finished(size_t point_index, const std::string& status, const std::string& error) {
  ++done_;
  ++run_here_;
  if (status != "ok" && status != "cached") ++failed_;
  if (tty_) {
    if (!error.empty()) std::fprintf(stderr, "\r\033[Kpoint %zu %s: %s\n", point_index,
                                     status.c_str(), error.c_str());
    draw();
  } else {
    std::fprintf(stderr, "[%zu/%zu] point %zu %s%s%s\n", done_, total_, point_index,
                 status.c_str(), error.empty() ? "" : ": ", error.c_str());
  }
}

void Progress::draw() {
  if (!tty_) return;
  constexpr int kWidth = 30;
  const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done_ / total_);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta =
      run_here_ == 0 ? 0.0 : elapsed / static_cast<double>(run_here_) * (total_ - done_);
  std::fprintf(stderr, "\r\033[K[%.*s%*s] %zu/%zu done, %zu failed, ETA %.0f s", filled,
               "##############################", kWidth - filled, "", done_, total_, failed_,
               eta);
  std::fflush(stderr);
}

void Progress::close() {
  if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace axsim::sweep
