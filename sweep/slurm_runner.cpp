#include "sweep/slurm_runner.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "models/core/error.h"
#include "models/core/result.h"
#include "sweep/progress.h"
#include "sweep/slurm_queue.h"
#include "sweep/slurm_script.h"
#include "sweep/slurm_task_log.h"

namespace axsim::sweep {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// On NFS a file another node just wrote can stay invisible here until the attribute cache
// expires (acdirmax, 60 s by default): a task that ended without a visible result or message
// gets this long before it counts as failed.
constexpr std::chrono::seconds kSettle{60};

std::string text_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Sleeps `seconds`, waking early for Ctrl-C or the deadline.
void sleep_for_poll(double seconds, Clock::time_point deadline) {
  const auto until = std::min(
      deadline, Clock::now() + std::chrono::milliseconds(static_cast<long>(seconds * 1000)));
  while (!interrupted() && Clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void cancel(const std::string& job) {
  const std::string problem = cancel_array(job);
  if (!problem.empty()) std::cerr << "axsim: scancel " << job << ": " << problem << "\n";
}

// A rerun after the terminal that started the sweep was closed: the array it left may still be
// running. Waiting for it keeps its points from being submitted twice. False when Ctrl-C or
// the deadline came first (the array is then cancelled).
bool wait_for_earlier_array(const SlurmPaths& paths, const SlurmSettings& settings,
                            Clock::time_point deadline) {
  const std::string job = text_of(paths.job);
  if (job.empty()) return true;
  bool announced = false;
  for (;;) {
    const QueueState q = query_array(job, paths.script);
    if (q.known && q.active.empty()) {
      fs::remove(paths.job);
      return true;
    }
    if (!q.known) std::cerr << "axsim: squeue: " << q.error << "\n";
    if (interrupted() || Clock::now() >= deadline) {
      if (q.known) cancel(job);  // only an array squeue has shown to be this sweep's
      return false;
    }
    if (!announced) {
      std::cerr << "sweep: waiting for job array " << job
                << ", submitted by an earlier run of this sweep, to end\n";
      announced = true;
    }
    sleep_for_poll(settings.poll_s, deadline);
  }
}

// Slurm caps an array's task count (MaxArraySize, 1001 unless the site raised it), and
// sbatch's refusal does not say so.
std::string submit(const std::string& script, size_t tasks) {
  try {
    return submit_array(script);
  } catch (const core::InputError& e) {
    if (tasks <= 1000) throw;
    throw core::InputError(std::string(e.what()) + " (" + std::to_string(tasks) +
                           " tasks: is that over the cluster's MaxArraySize? `scontrol show "
                           "config | grep MaxArraySize`; sampling or constraints make fewer)");
  }
}

void take_result(PointOutcome& o, const fs::path& result) {
  o.status = Status::ok;
  o.error.clear();
  o.result_path = result.string();
  o.summary = read_summary(o.result_path);
}

struct ArrayRun {
  std::string job;
  const SlurmPaths* paths;
  const SlurmSettings* settings;
  const std::vector<size_t>* pending;  // task t runs outcomes[pending[t]]
};

TaskVerdict verdict_of(const ArrayRun& run, size_t task, const PointOutcome& o) {
  const fs::path out(run.paths->out);
  return read_task_verdict(fs::exists(out / "cache" / (o.key + ".json")),
                           text_of(run.paths->task_log(run.job, task)),
                           text_of(out / "logs" / (std::to_string(o.point.index) + ".err")));
}

// Asks squeue until every task has ended, settling each point as its task leaves the queue.
// Returns the tasks still unsettled when Ctrl-C or the deadline came first.
std::map<size_t, std::string> wait_for_array(const ArrayRun& run, Clock::time_point deadline,
                                             std::vector<PointOutcome>& outcomes,
                                             Progress& progress) {
  const fs::path cache = fs::path(run.paths->out) / "cache";
  std::map<size_t, std::string> waiting;  // task -> its last state in the queue
  std::map<size_t, Clock::time_point> gone_since;
  for (size_t t = 0; t < run.pending->size(); ++t) waiting[t] = "not yet seen in the queue";
  while (!waiting.empty() && !interrupted() && Clock::now() < deadline) {
    const QueueState q = query_array(run.job, run.paths->script);
    for (auto it = waiting.begin(); q.known && it != waiting.end();) {
      const size_t task = it->first;
      PointOutcome& o = outcomes[(*run.pending)[task]];
      if (q.active.count(task) != 0) {
        it->second = q.active.at(task);
        ++it;
        continue;
      }
      gone_since.emplace(task, Clock::now());
      TaskVerdict v = verdict_of(run, task, o);
      if (!v.settled && Clock::now() - gone_since[task] < kSettle) {
        ++it;
        continue;
      }
      if (!v.settled) {
        v = {true, Status::failed,
             "the array task left no result and no message (" + run.paths->task_log(run.job, task) +
                 "): are " + run.paths->out +
                 " and the axsim binary on a file system every node mounts?"};
      }
      if (v.status == Status::ok) {
        take_result(o, cache / (o.key + ".json"));
      } else {
        o.status = v.status;
        o.error = v.error;
      }
      progress.finished(o.point.index, status_name(o.status), o.error);
      it = waiting.erase(it);
    }
    if (!q.known && !q.error.empty()) std::cerr << "axsim: squeue: " << q.error << "\n";
    if (!waiting.empty()) sleep_for_poll(run.settings->poll_s, deadline);
  }
  return waiting;
}

}  // namespace

std::vector<PointOutcome> run_points_on_slurm(const std::vector<Point>& points,
                                              const SlurmRunOptions& options) {
  const SlurmPaths paths(fs::absolute(options.out_dir).lexically_normal().string());
  const fs::path out(paths.out);
  for (const char* dir : {"cache", "logs", "work", "slurm/logs"}) fs::create_directories(out / dir);
  stop_on_signals();
  const SlurmSettings& settings = options.settings;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<long>(settings.wait_s * 1000));

  const bool may_submit = wait_for_earlier_array(paths, settings, deadline);
  CacheLookup lookup = look_up_cache(points, (out / "cache").string(), true);
  std::vector<PointOutcome>& outcomes = lookup.outcomes;
  const std::vector<size_t>& pending = lookup.pending;
  size_t unreadable = 0;  // points whose config could not be read have no key
  for (const PointOutcome& o : outcomes) unreadable += o.key.empty() ? 1 : 0;

  std::string job;
  if (may_submit && !pending.empty() && !interrupted()) {
    BatchScript batch{options.sweep_name, options.axsim_binary, pending.size(), settings};
    core::write_text_atomically(paths.manifest, slurm_manifest(outcomes, pending));
    core::write_text_atomically(paths.script, slurm_batch_script(batch, paths));
    job = submit(paths.script, pending.size());
    core::write_text_atomically(paths.job, job);
    std::cerr << "sweep: " << pending.size() << " points submitted as Slurm job array " << job
              << " (" << paths.script << ")\n";
  }

  Progress progress(points.size(), points.size() - pending.size() - unreadable);
  for (const PointOutcome& o : outcomes) {
    if (o.key.empty()) progress.finished(o.point.index, "failed", o.error);
  }
  std::map<size_t, std::string> unfinished;
  for (size_t t = 0; t < pending.size(); ++t) unfinished[t] = "the earlier job array still ran";
  if (!job.empty()) {
    unfinished = wait_for_array({job, &paths, &settings, &pending}, deadline, outcomes, progress);
    if (!unfinished.empty()) cancel(job);
  }
  // What Ctrl-C or the deadline left: a task may still have finished just before scancel.
  for (const auto& [task, state] : unfinished) {
    PointOutcome& o = outcomes[pending[task]];
    const fs::path result = out / "cache" / (o.key + ".json");
    if (fs::exists(result)) {
      take_result(o, result);
    } else if (interrupted()) {
      o.status = Status::interrupted;
    } else {
      o.status = Status::timeout;
      o.error = "not finished within the sweep's wait of " +
                std::to_string(static_cast<long>(settings.wait_s)) + " s (" + state + ")" +
                (job.empty() ? "" : "; job array " + job + " cancelled");
    }
    progress.finished(o.point.index, status_name(o.status), o.error);
  }
  progress.close();
  if (!job.empty() && unfinished.empty()) {
    fs::remove(paths.job);
    fs::remove_all(out / "work");
  }
  return outcomes;
}

}  // namespace axsim::sweep
