// A sweep killed in the middle (Ctrl-C's SIGINT, or SIGKILL, which it cannot catch) and run
// again: every point finished before the kill comes back from the cache untouched, nothing
// finished is run twice, and no half-written file is left. The kill comes when the second
// result appears in the cache, not after a sleep, so the test does not depend on speed.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tests/support/run_command.h"
#include "tests/sweep/sweep_child.h"

namespace fs = std::filesystem;

namespace {

constexpr size_t kPoints = 8;
constexpr size_t kKillAfter = 2;  // results in the cache when the signal is sent

fs::path write_sweep(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("axsim-sweep-kill-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string source = AXSIM_SOURCE_DIR;
  std::ofstream(dir / "sweep.yaml")
      << "name: " << name << "\n"
      << "configs: [" << source << "/configs/systolic/tpu-v1.yaml]\n"
      << "workloads: [" << source << "/workloads/traces/resnet50.json]\n"
      << "axes:\n  systolic.array.rows: [32, 64, 128, 256]\n"
      << "  systolic.dram.bandwidth: ['8 GB/s', '34 GB/s']\n";
  return dir;
}

// Result files by name, with their inode: a recomputed point would be a new file.
std::map<std::string, ino_t> cached_results(const fs::path& cache) {
  std::map<std::string, ino_t> out;
  for (const fs::path& file : axsim::test::files_in(cache)) {
    struct stat info {};
    if (stat(file.c_str(), &info) == 0) out[file.filename().string()] = info.st_ino;
  }
  return out;
}

// Everything in the cache is a whole result under its key: no temp file, nothing truncated.
void check_cache_is_whole(const fs::path& cache) {
  static const std::regex kResultName("[0-9a-f]+\\.json");
  for (const fs::path& file : axsim::test::files_in(cache)) {
    INFO(file);
    CHECK(std::regex_match(file.filename().string(), kResultName));
    const auto result = nlohmann::json::parse(axsim::test::text_of(file), nullptr, false);
    CHECK((!result.is_discarded() && result.contains("summary")));
  }
}

std::map<std::string, size_t> statuses_in(const fs::path& results) {
  std::map<std::string, size_t> count;
  std::ifstream in(results);
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    INFO(line);
    REQUIRE_FALSE(json.is_discarded());
    ++count[json.at("status").get<std::string>()];
  }
  return count;
}

// The `axsim run` processes a SIGKILLed sweep leaves are orphans; as their subreaper this test
// waits for them, so the rerun does not race them for the work folder.
void reap_orphans() {
  const bool all_gone = axsim::test::wait_until(
      [] {
        const pid_t pid = waitpid(-1, nullptr, WNOHANG);
        return pid < 0;  // ECHILD: none left
      },
      120);
  REQUIRE(all_gone);
}

void kill_and_rerun(const std::string& name, int sig) {
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  const fs::path dir = write_sweep(name);
  const fs::path out = dir / "out";
  const fs::path cache = out / "cache";
  {
    axsim::test::Child sweep(
        {AXSIM_BINARY, "sweep", (dir / "sweep.yaml").string(), "-j", "1", "-o", out.string()},
        dir / "first.log");
    const bool started =
        axsim::test::wait_until([&] { return cached_results(cache).size() >= kKillAfter; }, 300);
    REQUIRE(started);
    sweep.signal(sig);
    const int code = sweep.wait(120);
    INFO(axsim::test::text_of(dir / "first.log"));
    REQUIRE(code != -1);
    CHECK(code == (sig == SIGINT ? 130 : 128 + SIGKILL));
  }
  reap_orphans();

  const std::map<std::string, ino_t> finished = cached_results(cache);
  // The kill landed mid-sweep, or the test proves nothing.
  REQUIRE(finished.size() >= kKillAfter);
  REQUIRE(finished.size() < kPoints);
  check_cache_is_whole(cache);
  if (sig == SIGINT) {
    // Ctrl-C still writes the outputs, with every unfinished point marked.
    const auto counts = statuses_in(out / "results.jsonl");
    CHECK(counts.at("ok") == finished.size());
    CHECK(counts.at("interrupted") == kPoints - finished.size());
  } else {
    CHECK_FALSE(fs::exists(out / "results.jsonl"));  // it had no chance to write any
  }

  const auto rerun =
      axsim::test::run_command("timeout 600 " + std::string(AXSIM_BINARY) + " sweep " +
                               (dir / "sweep.yaml").string() + " -j 2 -o " + out.string());
  INFO(rerun.output);
  REQUIRE(rerun.exit_code == 0);
  CHECK_THAT(rerun.output,
             Catch::Contains(std::to_string(kPoints - finished.size()) + " ran, " +
                             std::to_string(finished.size()) + " from the cache, 0 failed"));
  const std::map<std::string, ino_t> after = cached_results(cache);
  CHECK(after.size() == kPoints);
  for (const auto& [file, inode] : finished) {
    INFO(file);
    REQUIRE(after.count(file) == 1);
    CHECK(after.at(file) == inode);  // the same file: not recomputed, not rewritten
  }
  check_cache_is_whole(cache);
  const auto counts = statuses_in(out / "results.jsonl");
  CHECK(counts.at("cached") == finished.size());
  CHECK(counts.at("ok") == kPoints - finished.size());
  CHECK_FALSE(fs::exists(out / "work"));
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    INFO(entry.path());
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("sweep kill: after SIGINT a rerun takes every finished point from the cache") {
  kill_and_rerun("sigint", SIGINT);
}

TEST_CASE("sweep kill: after SIGKILL a rerun takes every finished point from the cache") {
  kill_and_rerun("sigkill", SIGKILL);
}
