#include "sweep/slurm_queue.h"

#include <set>
#include <sstream>

#include "models/core/error.h"
#include "sweep/slurm_command.h"

namespace axsim::sweep {

namespace {

// One call to the controller; a busy one answers in seconds, a dead one never.
constexpr double kCommandTimeout_s = 60;

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string first_line(const std::string& text) {
  const std::string t = trimmed(text);
  return t.substr(0, t.find('\n'));
}

// Job states after which a task runs no more (squeue(1), JOB STATE CODES).
bool has_ended(const std::string& state) {
  static const std::set<std::string> kEnded = {
      "BOOT_FAIL",     "CANCELLED", "COMPLETED", "DEADLINE",     "FAILED", "NODE_FAIL",
      "OUT_OF_MEMORY", "PREEMPTED", "REVOKED",   "SPECIAL_EXIT", "TIMEOUT"};
  return kEnded.count(state) != 0;
}

}  // namespace

std::string submit_array(const std::string& script) {
  const CommandResult r = run_command({"sbatch", "--parsable", script}, kCommandTimeout_s);
  // --parsable prints "<job id>" or "<job id>;<cluster>".
  const std::string job = trimmed(r.out.substr(0, r.out.find(';')));
  if (r.exit_code != 0 || job.empty() || job.find_first_not_of("0123456789") != std::string::npos) {
    const std::string why = first_line(r.err.empty() ? r.out : r.err);
    throw core::InputError("sbatch refused the sweep's job array (" + script +
                           "): " + (why.empty() ? "no message" : why));
  }
  return job;
}

QueueState query_array(const std::string& job, const std::string& script) {
  const CommandResult r =
      run_command({"squeue", "--noheader", "--array", "--jobs=" + job, "--format=%K|%T|%r|%o"},
                  kCommandTimeout_s);
  QueueState q;
  if (r.exit_code != 0) {
    // Once a finished job has aged out of the controller (MinJobAge), its id is unknown.
    q.known = r.err.find("Invalid job id") != std::string::npos;
    q.error = first_line(r.err);
    return q;
  }
  q.known = true;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string task, state, reason, command;
    std::getline(fields, task, '|');
    std::getline(fields, state, '|');
    std::getline(fields, reason, '|');
    std::getline(fields, command);
    task = trimmed(task);
    if (task.empty() || task.find_first_not_of("0123456789") != std::string::npos) continue;
    if (has_ended(state) || trimmed(command) != script) continue;
    reason = trimmed(reason);
    q.active[std::stoul(task)] =
        reason.empty() || reason == "None" ? state : state + " (" + reason + ")";
  }
  return q;
}

std::string cancel_array(const std::string& job) {
  const CommandResult r = run_command({"scancel", job}, kCommandTimeout_s);
  return r.exit_code == 0 ? "" : first_line(r.err.empty() ? r.out : r.err);
}

}  // namespace axsim::sweep
