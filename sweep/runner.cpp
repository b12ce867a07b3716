#include "sweep/runner.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/core/config.h"
#include "models/core/error.h"
#include "models/core/hashing.h"
#include "models/run/simulate.h"
#include "sweep/progress.h"

extern char** environ;

namespace axsim::sweep {

namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) { g_stop = 1; }

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line.empty() ? "no message (see " + path + ")" : line;
}

struct Running {
  size_t slot;  // index into the outcomes
  pid_t pid;
  std::chrono::steady_clock::time_point started;
  fs::path work_dir;
  fs::path log;
};

pid_t spawn_point(const RunnerOptions& options, const Point& point, const fs::path& work_dir,
                  const fs::path& log) {
  std::vector<std::string> args = {options.axsim_binary, "run", point.config, point.workload,
                                   "-o", work_dir.string(), "--quiet"};
  for (const std::string& o : point.overrides()) {
    args.push_back("--set");
    args.push_back(o);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start '" + options.axsim_binary + "'");
  return pid;
}

// Moves a finished point's result into the cache, or records why it failed.
void finish(PointOutcome& outcome, const Running& run, int wait_status, const fs::path& cache) {
  if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0) {
    const fs::path target = cache / (outcome.key + ".json");
    fs::rename(run.work_dir / "result.json", target);  // same file system: atomic
    outcome.status = Status::ok;
    outcome.result_path = target.string();
    outcome.summary = read_summary(outcome.result_path);
  } else if (outcome.status != Status::timeout && outcome.status != Status::interrupted) {
    outcome.status = Status::failed;
    outcome.error = first_line(run.log.string());
  }
  fs::remove_all(run.work_dir);
}

}  // namespace

const char* status_name(Status status) {
  switch (status) {
    case Status::ok: return "ok";
    case Status::cached: return "cached";
    case Status::failed: return "failed";
    case Status::timeout: return "timeout";
    case Status::interrupted: return "interrupted";
  }
  return "failed";
}

bool interrupted() { return g_stop != 0; }

void stop_on_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

nlohmann::json read_summary(const std::string& result_path) {
  const nlohmann::json result = nlohmann::json::parse(file_bytes(result_path));
  nlohmann::json summary = result.at("summary");
  // A kind's own figures of merit (details.metrics, e.g. a CIM result's worst ADC SQNR) join
  // the summary, so a sweep can trade them against energy and speed like any other column.
  const auto details = result.find("details");
  if (details != result.end() && details->is_object()) {
    const auto metrics = details->find("metrics");
    if (metrics != details->end() && metrics->is_object()) {
      for (const auto& [key, value] : metrics->items()) {
        if (value.is_number()) summary[key] = value;
      }
    }
  }
  return summary;
}

std::string point_key(const Point& point) {
  const core::ConfigNode root = core::load_config(point.config, point.overrides());
  std::string tech;
  if (root.is_map() && root.has("tech") && root.at("tech").is_scalar()) {
    tech = file_bytes(run::resolve_config_path(root.at("tech")));
  }
  return core::content_hash(core::canonical_config_text(root) + "\n" + core::content_hash(tech) +
                            "\n" + core::content_hash(file_bytes(point.workload)) + "\n" +
                            AXSIM_VERSION);
}

CacheLookup look_up_cache(const std::vector<Point>& points, const std::string& cache_dir,
                          bool use_cache) {
  CacheLookup lookup;
  lookup.outcomes.resize(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    PointOutcome& o = lookup.outcomes[i];
    o.point = points[i];
    try {
      o.key = point_key(points[i]);
    } catch (const core::InputError& e) {
      o.status = Status::failed;
      o.error = e.what();
      continue;
    }
    const fs::path cached = fs::path(cache_dir) / (o.key + ".json");
    if (use_cache && fs::exists(cached)) {
      o.status = Status::cached;
      o.result_path = cached.string();
      o.summary = read_summary(o.result_path);
    } else {
      lookup.pending.push_back(i);
    }
  }
  return lookup;
}

namespace {

// Folders of earlier invocations whose process is gone. Errors are ignored: an orphaned
// child of a killed sweep may still be writing there.
void remove_stale_work(const fs::path& work_root) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(work_root, error)) {
    const std::string name = entry.path().filename().string();
    const bool is_pid = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
    if (is_pid && kill(static_cast<pid_t>(std::stol(name)), 0) == 0) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

}  // namespace

std::vector<PointOutcome> run_points(const std::vector<Point>& points,
                                     const RunnerOptions& options) {
  const fs::path out(options.out_dir);
  const fs::path cache = out / "cache";
  const fs::path logs = out / "logs";
  // Each invocation works in its own folder: the children of a sweep that was SIGKILLed live
  // on and may still write into theirs while a rerun starts.
  const fs::path work_root = out / "work";
  const fs::path work = work_root / std::to_string(getpid());
  fs::create_directories(cache);
  fs::create_directories(logs);
  remove_stale_work(work_root);
  fs::create_directories(work);
  stop_on_signals();

  CacheLookup lookup = look_up_cache(points, cache.string(), options.use_cache);
  std::vector<PointOutcome>& outcomes = lookup.outcomes;
  const std::vector<size_t>& pending = lookup.pending;
  std::vector<size_t> unreadable;  // points whose config could not be read have no key
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].key.empty()) unreadable.push_back(i);
  }

  Progress progress(points.size(), points.size() - pending.size() - unreadable.size());
  for (size_t i : unreadable) progress.finished(i, "failed", outcomes[i].error);
  std::vector<Running> running;
  size_t next = 0;
  const int jobs = options.jobs > 0 ? options.jobs : 1;
  while ((next < pending.size() || !running.empty())) {
    while (!g_stop && next < pending.size() && static_cast<int>(running.size()) < jobs) {
      const size_t slot = pending[next++];
      const fs::path dir = work / std::to_string(slot);
      fs::remove_all(dir);
      const fs::path log = logs / (std::to_string(slot) + ".err");
      running.push_back({slot, spawn_point(options, points[slot], dir, log),
                         std::chrono::steady_clock::now(), dir, log});
    }
    if (g_stop && next < pending.size()) {
      for (; next < pending.size(); ++next) outcomes[pending[next]].status = Status::interrupted;
    }
    for (size_t r = 0; r < running.size();) {
      Running& run = running[r];
      PointOutcome& outcome = outcomes[run.slot];
      const double age = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                       run.started).count();
      if (g_stop) {
        outcome.status = Status::interrupted;
        kill(run.pid, SIGKILL);
      } else if (options.timeout_s > 0 && age > options.timeout_s) {
        outcome.status = Status::timeout;
        outcome.error = "took longer than " + std::to_string(options.timeout_s) + " s";
        kill(run.pid, SIGKILL);
      }
      int status = 0;
      const pid_t done = waitpid(run.pid, &status, g_stop ? 0 : WNOHANG);
      if (done == run.pid) {
        finish(outcome, run, status, cache);
        progress.finished(outcome.point.index, status_name(outcome.status), outcome.error);
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(r));
      } else {
        ++r;
      }
    }
    if (!running.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  progress.close();
  fs::remove_all(work);
  std::error_code ignored;
  fs::remove(work_root, ignored);  // only when no other invocation's folder is left
  return outcomes;
}

}  // namespace axsim::sweep
