#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "sweep/outputs.h"
#include "sweep/points.h"
#include "sweep/runner.h"
#include "sweep/sweep_spec.h"

namespace axsim::cli {

namespace {

struct SweepOptions {
  std::string spec;
  std::string out_dir;
  int jobs = static_cast<int>(std::thread::hardware_concurrency());
  double timeout_s = 0;
  bool list = false;
};

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
  return [options]() {
    const sweep::SweepSpec spec = sweep::load_sweep_spec(options->spec);
    const std::vector<sweep::Point> points = sweep::expand_points(spec);
    if (options->list) return list_points(points);

    sweep::RunnerOptions runner;
    runner.axsim_binary = std::filesystem::read_symlink("/proc/self/exe").string();
    runner.out_dir = options->out_dir.empty() ? "out/sweep/" + spec.name : options->out_dir;
    runner.jobs = options->jobs;
    runner.timeout_s = options->timeout_s;
    const std::vector<sweep::PointOutcome> outcomes = sweep::run_points(points, runner);
    const size_t front = sweep::write_outputs(spec, outcomes, runner.out_dir);

    size_t ran = 0, cached = 0, failed = 0;
    for (const auto& o : outcomes) {
      ran += o.status == sweep::Status::ok;
      cached += o.status == sweep::Status::cached;
      failed += o.status == sweep::Status::failed || o.status == sweep::Status::timeout;
    }
    std::cout << spec.name << ": " << points.size() << " points: " << ran << " ran, " << cached
              << " from the cache, " << failed << " failed; " << front
              << " on the Pareto front\n  " << runner.out_dir << "/summary.csv, results.jsonl, "
              << "pareto.csv\n";
    if (sweep::interrupted()) {
      std::cerr << "axsim: sweep interrupted; finished points are cached, rerun to go on\n";
      return 130;
    }
    return failed == 0 ? 0 : 1;
  };
}

}  // namespace axsim::cli
