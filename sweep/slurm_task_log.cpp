#include "sweep/slurm_task_log.h"

#include <regex>
#include <sstream>

namespace axsim::sweep {

const char* const kTaskPrefix = "axsim-task: ";

namespace {

std::string first_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) return line;
  }
  return "";
}

// The last line holding `needle`, or "".
std::string last_line_with(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string found;
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) found = line;
  }
  return found;
}

// The last non-empty line not holding `needle`, or "".
std::string last_line_without(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string found;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.find(needle) == std::string::npos) found = line;
  }
  return found;
}

}  // namespace

TaskVerdict read_task_verdict(bool has_result, const std::string& task_log,
                              const std::string& point_stderr) {
  if (has_result) return {true, Status::ok, ""};
  // slurmstepd's words when it ends a task: "*** JOB 7 ON node CANCELLED AT ... DUE TO TIME
  // LIMIT ***", or "... CANCELLED AT ..." for scancel and preemption.
  const std::string slurm_line = last_line_with(task_log, "*** JOB");
  if (slurm_line.find("DUE TO TIME LIMIT") != std::string::npos) {
    return {true, Status::timeout, "exceeded the Slurm time limit of its array task"};
  }
  if (slurm_line.find("CANCELLED") != std::string::npos) {
    return {true, Status::failed, "the array task was cancelled: " + slurm_line};
  }
  const std::string task_line = last_line_with(task_log, kTaskPrefix);
  static const std::regex kEnd(R"(point \d+ exit (\d+))");
  std::smatch end;
  const std::string message =
      task_line.empty()
          ? ""
          : task_line.substr(task_line.find(kTaskPrefix) + std::string(kTaskPrefix).size());
  if (std::regex_match(message, end, kEnd)) {
    if (end[1] == "0") return {};  // finished, but its result is not visible here yet
    // axsim's own error first; else what the script's other commands said (mv, say).
    std::string error = first_line(point_stderr);
    if (error.empty()) error = last_line_without(task_log, kTaskPrefix);
    if (error.empty()) error = "the array task ended with status " + end[1].str();
    return {true, Status::failed, error};
  }
  if (!message.empty()) return {true, Status::failed, message};
  return {};
}

}  // namespace axsim::sweep
