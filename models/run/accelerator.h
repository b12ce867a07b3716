// What every accelerator model implements, and the registry that finds one by its `kind:`.
// A new machine class is a new folder under models/ plus one line in models/accelerators.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/result.h"
#include "workloads/trace/trace.h"

namespace axsim::run {

class Accelerator {
 public:
  virtual ~Accelerator() = default;
  // Maps the trace and elaborates the SystemC modules that will replay it. Called once,
  // before sc_start (SystemC allows one elaboration per process).
  virtual void build(const trace::Trace& trace) = 0;
  // After the simulation ran to completion: per-layer results, summary, stats, energy.
  virtual void collect(core::RunResult& result) = 0;
};

struct AcceleratorContext {
  const core::Section& config;    // the accelerator's own section (`<kind>:` in the file)
  const core::TechTable& tech;    // energy per action
};

using AcceleratorFactory = std::function<std::unique_ptr<Accelerator>(const AcceleratorContext&)>;

struct AcceleratorEntry {
  std::string kind;
  std::string description;
  AcceleratorFactory factory;
};

class Registry {
 public:
  void add(AcceleratorEntry entry);  // std::logic_error on a duplicate kind
  // InputError listing the registered kinds when `kind` is unknown.
  const AcceleratorEntry& get(const std::string& kind) const;
  const std::vector<AcceleratorEntry>& entries() const { return entries_; }
  std::vector<std::string> kinds() const;

 private:
  std::vector<AcceleratorEntry> entries_;
};

// The registry with every accelerator of this build (models/accelerators.cpp fills it).
const Registry& accelerators();

}  // namespace axsim::run
