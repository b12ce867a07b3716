#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "models/core/error.h"
#include "sweep/outputs.h"
#include "sweep/points.h"
#include "sweep/runner.h"
#include "sweep/slurm_runner.h"
#include "sweep/sweep_spec.h"

namespace axsim::cli {

namespace {

struct SweepOptions {
  std::string spec;
  std::string out_dir;
  int jobs = static_cast<int>(std::thread::hardware_concurrency());
  double timeout_s = 0;
  bool list = false;
  std::string backend = "local";
  sweep::SlurmSettings slurm;  // only the fields given on the command line are used
};

// The spec's `slurm:` section with the --slurm-* options given on the command line over it.
sweep::SlurmSettings slurm_settings(const CLI::App& cmd, const SweepOptions& options,
                                    sweep::SlurmSettings settings) {
  auto given = [&cmd](const char* name) { return cmd.get_option(name)->count() > 0; };
  if (given("--slurm-partition")) {
    const std::string problem = sweep::partition_problem(options.slurm.partition);
    if (!problem.empty()) throw core::InputError("--slurm-partition: " + problem);
    settings.partition = options.slurm.partition;
  }
  if (given("--slurm-time")) {
    const std::string problem = sweep::time_limit_problem(options.slurm.time_limit);
    if (!problem.empty()) throw core::InputError("--slurm-time: " + problem);
    settings.time_limit = options.slurm.time_limit;
  }
  if (given("--slurm-max-concurrent")) settings.max_concurrent = options.slurm.max_concurrent;
  for (const std::string& arg : options.slurm.sbatch_args) {
    const std::string problem = sweep::script_line_problem(arg);
    if (!problem.empty()) throw core::InputError("--sbatch-arg: " + problem);
    settings.sbatch_args.push_back(arg);
  }
  if (given("--slurm-wait")) settings.wait_s = options.slurm.wait_s;
  if (given("--slurm-poll")) settings.poll_s = options.slurm.poll_s;
  return settings;
}

// Each backend bounds a point and its parallelism in its own way.
void check_backend_options(const CLI::App& cmd, const std::string& backend) {
  const bool slurm = backend == "slurm";
  const std::vector<std::string> elsewhere =
      slurm
          ? std::vector<std::string>{"--jobs", "--timeout"}
          : std::vector<std::string>{"--slurm-partition", "--slurm-time", "--slurm-max-concurrent",
                                     "--sbatch-arg",      "--slurm-wait", "--slurm-poll"};
  for (const std::string& name : elsewhere) {
    if (cmd.get_option(name)->count() == 0) continue;
    throw core::InputError(name + (slurm ? " applies to --backend local; on Slurm use "
                                           "--slurm-max-concurrent and --slurm-time"
                                         : " applies to --backend slurm"));
  }
}

int list_points(const std::vector<sweep::Point>& points) {
  for (const sweep::Point& p : points) {
    std::cout << p.index << "  " << p.config << "  " << p.workload;
    for (const std::string& o : p.overrides()) std::cout << "  --set " << o;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run a design-space sweep: every point in its own process, results cached");
  cmd->add_option("spec", options->spec, "Sweep spec (YAML)")->required();
  cmd->add_option("-o,--out", options->out_dir, "Output folder (default out/sweep/<name>)");
  cmd->add_option("-j,--jobs", options->jobs, "Points run at once")->capture_default_str();
  cmd->add_option("--timeout", options->timeout_s, "Seconds a point may take (0: no limit)");
  cmd->add_flag("--list", options->list, "Print the points and run nothing");
  cmd->add_option("--backend", options->backend,
                  "Where points run: local (a process pool) or slurm (one job array)")
      ->check(CLI::IsMember({"local", "slurm"}))
      ->capture_default_str();
  cmd->add_option("--slurm-partition", options->slurm.partition, "Slurm partition (sbatch -p)");
  cmd->add_option("--slurm-time", options->slurm.time_limit,
                  "Time limit per array task, in Slurm's format (e.g. 0:10:00)");
  cmd->add_option("--slurm-max-concurrent", options->slurm.max_concurrent,
                  "Array tasks running at once (--array=0-N%M)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--sbatch-arg", options->slurm.sbatch_args,
                  "More sbatch options, one per use (--sbatch-arg=--account=hw)")
      ->allow_extra_args(false);
  cmd->add_option("--slurm-wait", options->slurm.wait_s,
                  "Seconds to wait for the array before cancelling it (default 86400)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--slurm-poll", options->slurm.poll_s,
                  "Seconds between two squeue calls (default 10)")
      ->check(CLI::PositiveNumber);
  return [options, cmd]() {
    const sweep::SweepSpec spec = sweep::load_sweep_spec(options->spec);
    const std::vector<sweep::Point> points = sweep::expand_points(spec);
    if (options->list) return list_points(points);
    check_backend_options(*cmd, options->backend);

    const std::string binary = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string out_dir =
        options->out_dir.empty() ? "out/sweep/" + spec.name : options->out_dir;
    std::vector<sweep::PointOutcome> outcomes;
    if (options->backend == "slurm") {
      const sweep::SlurmRunOptions slurm{binary, out_dir, spec.name,
                                         slurm_settings(*cmd, *options, spec.slurm)};
      outcomes = sweep::run_points_on_slurm(points, slurm);
    } else {
      sweep::RunnerOptions runner;
      runner.axsim_binary = binary;
      runner.out_dir = out_dir;
      runner.jobs = options->jobs;
      runner.timeout_s = options->timeout_s;
      outcomes = sweep::run_points(points, runner);
    }
    const size_t front = sweep::write_outputs(spec, outcomes, out_dir);

    size_t ran = 0, cached = 0, failed = 0;
    for (const auto& o : outcomes) {
      ran += o.status == sweep::Status::ok;
      cached += o.status == sweep::Status::cached;
      failed += o.status == sweep::Status::failed || o.status == sweep::Status::timeout;
    }
    std::cout << spec.name << ": " << points.size() << " points: " << ran << " ran, " << cached
              << " from the cache, " << failed << " failed; " << front << " on the Pareto front\n  "
              << out_dir << "/summary.csv, results.jsonl, "
              << "pareto.csv\n";
    if (sweep::interrupted()) {
      std::cerr << "axsim: sweep interrupted; finished points are cached, rerun to go on\n";
      return 130;
    }
    return failed == 0 ? 0 : 1;
  };
}

}  // namespace axsim::cli
