#include "sweep/slurm_settings.h"

#include <regex>

namespace axsim::sweep {

namespace {

std::vector<std::string> lines(const core::Section& slurm, const std::string& key) {
  const core::ConfigNode& node = slurm.child(key);
  if (!node.is_sequence()) slurm.fail(key, "expected a list of strings");
  std::vector<std::string> out;
  for (const core::ConfigNode& item : node.items()) {
    const std::string problem =
        item.is_scalar() ? script_line_problem(item.scalar()) : "expected a string";
    if (!problem.empty()) throw core::InputError(item.location(), item.path(), problem);
    out.push_back(item.scalar());
  }
  return out;
}

}  // namespace

std::string time_limit_problem(const std::string& text) {
  static const std::regex kSlurmTime(R"((\d+-)?\d+(:\d+){0,2}|UNLIMITED|INFINITE)");
  if (std::regex_match(text, kSlurmTime)) return "";
  return "'" + text + "' is not a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, " +
         "D-HH:MM or D-HH:MM:SS)";
}

std::string partition_problem(const std::string& text) {
  if (text.empty() || text.find_first_of(" \t\n\r\"'") != std::string::npos) {
    return "'" + text + "' is not a partition name (one word; several: a,b)";
  }
  return "";
}

std::string script_line_problem(const std::string& text) {
  if (text.find_first_of("\n\r") != std::string::npos) return "must be a single line";
  return "";
}

SlurmSettings read_slurm_settings(const core::Section& slurm) {
  SlurmSettings s;
  if (slurm.has("partition")) {
    s.partition = slurm.string("partition");
    const std::string problem = partition_problem(s.partition);
    if (!problem.empty()) slurm.fail("partition", problem);
  }
  if (slurm.has("time")) {
    s.time_limit = slurm.string("time");
    const std::string problem = time_limit_problem(s.time_limit);
    if (!problem.empty()) slurm.fail("time", problem);
  }
  if (slurm.has("max_concurrent")) {
    const int64_t n = slurm.positive_integer("max_concurrent");
    if (n > 1000000) slurm.fail("max_concurrent", "more than 1,000,000 tasks at once");
    s.max_concurrent = static_cast<int>(n);
  }
  if (slurm.has("sbatch_args")) s.sbatch_args = lines(slurm, "sbatch_args");
  if (slurm.has("setup")) s.setup = lines(slurm, "setup");
  if (slurm.has("wait")) s.wait_s = slurm.positive_number("wait");
  if (slurm.has("poll")) s.poll_s = slurm.positive_number("poll");
  slurm.finish();
  return s;
}

}  // namespace axsim::sweep
