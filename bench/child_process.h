// SystemC elaborates once per process, so a bench runs each simulation in a forked child
// that sends its figures back through a pipe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>

namespace axsim::bench {

// Runs `work` in a child process; it fills `size` bytes at `out`, which the parent receives.
// An exception in the child is printed to stderr with `what`; the parent then throws
// std::runtime_error naming `what`.
void run_in_child(const std::string& what, const std::function<void(void*)>& work, void* out,
                  std::size_t size);

template <typename Figures>
Figures in_child(const std::string& what, const std::function<Figures()>& work) {
  static_assert(std::is_trivially_copyable_v<Figures>, "figures cross a pipe as bytes");
  Figures figures{};
  run_in_child(
      what, [&work](void* out) { *static_cast<Figures*>(out) = work(); }, &figures,
      sizeof figures);
  return figures;
}

}  // namespace axsim::bench
