// One simulation, start to finish: config + trace in, RunResult out. Elaborates SystemC and
// runs it, so it can be called once per process.
#pragma once

#include <string>
#include <vector>

#include "models/core/config.h"
#include "models/core/result.h"
#include "models/run/accelerator.h"
#include "workloads/trace/trace.h"

namespace axsim::run {

struct RunRequest {
  std::string config_path;
  std::vector<std::string> overrides;  // "a.b.c=value"
  std::string trace_path;              // a trace file (.json / .yaml)
};

// Validates config and trace completely before elaborating anything; every input problem is
// an InputError naming file, line and key.
// The config's top level is common to every accelerator:
//   kind: <registered kind>
//   name: <free text>
//   tech: <technology table, relative to the file that sets it>
//   <kind>: { the accelerator's own keys }
core::RunResult simulate(const Registry& registry, const RunRequest& request);

// A path written in a config value is relative to the file that set it; one given with --set
// is relative to the working directory.
std::string resolve_config_path(const core::ConfigNode& node);

// The config read and checked as simulate() does, without building or running anything:
// what `axsim validate` reports on.
struct CheckedConfig {
  std::string kind;
  std::string name;
  std::string tech_name;
  std::string config_hash;
};
CheckedConfig check_config(const Registry& registry, const std::string& path,
                           const std::vector<std::string>& overrides = {});


}  // namespace axsim::run
