#include "models/run/simulate.h"

#include <chrono>
#include <ctime>
#include <filesystem>

#include <systemc>

#include "models/core/config.h"
#include "models/core/energy.h"
#include "models/core/hashing.h"
#include "models/run/accelerator.h"
#include "workloads/trace/trace_io.h"

namespace axsim::run {

namespace {

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}


// Everything a run needs from the config, read and validated.
struct LoadedConfig {
  core::ConfigNode root;
  std::string kind;
  std::string name;
  std::unique_ptr<core::TechTable> tech;
  std::unique_ptr<Accelerator> accelerator;
};

LoadedConfig load_run_config(const Registry& registry, const std::string& path,
                             const std::vector<std::string>& overrides) {
  LoadedConfig loaded;
  loaded.root = core::load_config(path, overrides);
  const core::Section top(loaded.root);
  loaded.kind = top.choice("kind", registry.kinds());
  loaded.name = top.string("name");
  const core::ConfigNode& tech_node = top.child("tech");
  if (!tech_node.is_scalar()) top.fail("tech", "expected the path of a technology table");
  loaded.tech = std::make_unique<core::TechTable>(core::load_tech_table(resolve_config_path(tech_node)));
  const core::Section own = top.section(loaded.kind);
  loaded.accelerator = registry.get(loaded.kind).factory({own, *loaded.tech});
  top.finish();
  return loaded;
}

}  // namespace

std::string resolve_config_path(const core::ConfigNode& node) {
  namespace fs = std::filesystem;
  const fs::path value(node.scalar());
  if (value.is_absolute() || node.location().file.rfind("--set", 0) == 0) return value.string();
  return (fs::path(node.location().file).parent_path() / value).lexically_normal().string();
}

CheckedConfig check_config(const Registry& registry, const std::string& path,
                           const std::vector<std::string>& overrides) {
  const LoadedConfig loaded = load_run_config(registry, path, overrides);
  return {loaded.kind, loaded.name, loaded.tech->name,
          core::content_hash(core::canonical_config_text(loaded.root))};
}

core::RunResult simulate(const Registry& registry, const RunRequest& request) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string started_at = utc_now_iso8601();

  LoadedConfig config = load_run_config(registry, request.config_path, request.overrides);
  const trace::Trace trace = trace::load_trace(request.trace_path);
  config.accelerator->build(trace);
  sc_core::sc_start();

  core::RunResult result;
  config.accelerator->collect(result);
  core::RunMetadata& meta = result.meta;
  meta.axsim_version = AXSIM_VERSION;
  meta.kind = config.kind;
  meta.config_name = config.name;
  meta.config_file = request.config_path;
  meta.config_hash = core::content_hash(core::canonical_config_text(config.root));
  meta.overrides = request.overrides;
  meta.trace_name = trace.name;
  meta.trace_file = request.trace_path;
  meta.trace_hash = core::content_hash(trace::trace_to_json(trace));
  meta.started_at = started_at;
  meta.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

}  // namespace axsim::run
