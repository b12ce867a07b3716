// The Slurm backend's parts that need no cluster: the spec's slurm section, the manifest and
// batch script it writes, and how a finished array task is judged from what it left behind.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "models/core/error.h"
#include "sweep/slurm_script.h"
#include "sweep/slurm_task_log.h"
#include "sweep/sweep_spec.h"

using namespace axsim;
namespace fs = std::filesystem;

namespace {

std::string write_spec(const std::string& name, const std::string& body) {
  const fs::path dir = fs::temp_directory_path() / ("axsim-sweep-slurm-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.yaml") << "kind: systolic\n";
  std::ofstream(dir / "net.json") << "{}\n";
  std::ofstream(dir / "sweep.yaml")
      << "name: " << name << "\nconfigs: [a.yaml]\nworkloads: [net.json]\n"
      << "axes:\n  a.rows: [64]\n"
      << body;
  return (dir / "sweep.yaml").string();
}

std::string error_of(const std::string& path) {
  try {
    sweep::load_sweep_spec(path);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

sweep::PointOutcome outcome(size_t index, const std::string& key,
                            std::vector<std::pair<std::string, std::string>> settings) {
  sweep::PointOutcome o;
  o.point.index = index;
  o.point.config = "/cfg/tpu v1.yaml";
  o.point.workload = "/net/ds-cnn.json";
  o.point.settings = std::move(settings);
  o.key = key;
  return o;
}

}  // namespace

TEST_CASE("sweep slurm: the spec's slurm section is read with every key") {
  const sweep::SweepSpec spec = sweep::load_sweep_spec(
      write_spec("section",
                 "slurm:\n  partition: gpu\n  time: '1-02:00:00'\n  max_concurrent: 8\n"
                 "  sbatch_args: [--account=hw, --mem=2G]\n  setup: ['module load systemc']\n"
                 "  wait: 600\n  poll: 2\n"));
  CHECK(spec.slurm.partition == "gpu");
  CHECK(spec.slurm.time_limit == "1-02:00:00");
  CHECK(spec.slurm.max_concurrent == 8);
  CHECK(spec.slurm.sbatch_args == std::vector<std::string>{"--account=hw", "--mem=2G"});
  CHECK(spec.slurm.setup == std::vector<std::string>{"module load systemc"});
  CHECK(spec.slurm.wait_s == 600);
  CHECK(spec.slurm.poll_s == 2);
  const sweep::SweepSpec plain = sweep::load_sweep_spec(write_spec("plain", ""));
  CHECK(plain.slurm.partition.empty());
  CHECK(plain.slurm.max_concurrent == 0);
}

TEST_CASE("sweep slurm: bad slurm settings name the file line and key") {
  const std::string bad_time = error_of(write_spec("bad-time", "slurm:\n  time: 10 minutes\n"));
  CHECK_THAT(bad_time, Catch::Contains("sweep.yaml:7") && Catch::Contains("slurm.time") &&
                           Catch::Contains("not a Slurm time limit"));
  CHECK_THAT(error_of(write_spec("bad-key", "slurm:\n  partiton: gpu\n")),
             Catch::Contains("sweep.yaml:7") && Catch::Contains("partition"));
  CHECK_THAT(error_of(write_spec("bad-partition", "slurm:\n  partition: 'a b'\n")),
             Catch::Contains("slurm.partition") && Catch::Contains("not a partition name"));
  CHECK_THAT(error_of(write_spec("bad-throttle", "slurm:\n  max_concurrent: 0\n")),
             Catch::Contains("slurm.max_concurrent"));
  CHECK_THAT(error_of(write_spec("bad-args", "slurm:\n  sbatch_args: --mem=2G\n")),
             Catch::Contains("slurm.sbatch_args") && Catch::Contains("list"));
  CHECK_THAT(error_of(write_spec("bad-setup", "slurm:\n  setup: [\"a\\nb\"]\n")),
             Catch::Contains("sweep.yaml:7") && Catch::Contains("single line"));
}

TEST_CASE("sweep slurm: time limits in every form sbatch takes and nothing else") {
  for (const char* ok : {"10", "10:30", "2:00:00", "1-12", "1-12:30", "1-12:30:00", "UNLIMITED"}) {
    CHECK(sweep::time_limit_problem(ok).empty());
  }
  for (const char* bad : {"", "10m", "1:2:3:4", "-5", "1-", "1h"}) {
    CHECK_FALSE(sweep::time_limit_problem(bad).empty());
  }
}

TEST_CASE("sweep slurm: the manifest has one tab-separated line per array task") {
  const std::vector<sweep::PointOutcome> outcomes = {
      outcome(0, "aaa", {{"systolic.array.rows", "32"}}),
      outcome(1, "bbb", {{"systolic.array.rows", "64"}, {"systolic.dram.bandwidth", "34 GB/s"}})};
  const std::string manifest = sweep::slurm_manifest(outcomes, {1});
  CHECK(manifest ==
        "# task\tpoint\tkey\tconfig\tworkload\tsettings...\n"
        "0\t1\tbbb\t/cfg/tpu v1.yaml\t/net/ds-cnn.json\tsystolic.array.rows=64\t"
        "systolic.dram.bandwidth=34 GB/s\n");
  const auto tabbed = std::vector<sweep::PointOutcome>{outcome(3, "c", {{"a.b", "x\ty"}})};
  CHECK_THROWS_WITH(sweep::slurm_manifest(tabbed, {0}),
                    Catch::Contains("point 3") && Catch::Contains("tab"));
}

TEST_CASE("sweep slurm: relative paths in the manifest become absolute") {
  auto o = outcome(0, "k", {});
  o.point.config = "configs/x.yaml";
  const std::string manifest = sweep::slurm_manifest({o}, {0});
  CHECK_THAT(manifest,
             Catch::Contains("\t" + (fs::current_path() / "configs/x.yaml").string() + "\t"));
}

TEST_CASE("sweep slurm: the batch script carries the options as SBATCH lines") {
  sweep::BatchScript batch;
  batch.sweep_name = "demo";
  batch.axsim_binary = "/opt/axsim/bin/axsim";
  batch.tasks = 12;
  batch.settings.partition = "gpu";
  batch.settings.time_limit = "0:10:00";
  batch.settings.max_concurrent = 4;
  batch.settings.sbatch_args = {"--account=hw"};
  batch.settings.setup = {"module load systemc"};
  const std::string script = sweep::slurm_batch_script(batch, sweep::SlurmPaths("/share/o'ut%"));
  CHECK_THAT(script, Catch::StartsWith("#!/bin/bash\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --array=0-11%4\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --job-name=\"axsim-demo\"\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --partition=gpu\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --time=0:10:00\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --account=hw\n"));
  // A literal % in a path is doubled: Slurm reads %A and %a as the job and the task.
  CHECK_THAT(script, Catch::Contains("#SBATCH --output=\"/share/o'ut%%/slurm/logs/%A_%a.log\""));
  CHECK_THAT(script, Catch::Contains("out='/share/o'\\''ut%'\n"));
  // Setup lines come after the last #SBATCH line, which sbatch stops reading at a command.
  CHECK(script.find("module load systemc") > script.rfind("#SBATCH"));
  batch.settings = {};
  const std::string plain = sweep::slurm_batch_script(batch, sweep::SlurmPaths("/o"));
  CHECK_THAT(plain, Catch::Contains("#SBATCH --array=0-11\n"));
  CHECK_THAT(plain, !Catch::Contains("--partition") && !Catch::Contains("--time"));
}

TEST_CASE("sweep slurm: a finished task is judged from its result and its logs") {
  using sweep::Status;
  const auto ok = sweep::read_task_verdict(true, "", "");
  CHECK((ok.settled && ok.status == Status::ok));

  const auto failed = sweep::read_task_verdict(false, "axsim-task: point 3 exit 2\n",
                                               "axsim: error: x.yaml: key 'a': bad\nmore\n");
  CHECK((failed.settled && failed.status == Status::failed));
  CHECK(failed.error == "axsim: error: x.yaml: key 'a': bad");

  const auto mv_failed = sweep::read_task_verdict(
      false, "mv: cannot move 'r.json': No space left\naxsim-task: point 3 exit 1\n", "");
  CHECK(mv_failed.error == "mv: cannot move 'r.json': No space left");

  const auto killed = sweep::read_task_verdict(false, "axsim-task: point 3 exit 137\n", "");
  CHECK(killed.error == "the array task ended with status 137");

  const auto timeout = sweep::read_task_verdict(
      false,
      "slurmstepd: error: *** JOB 7 ON n1 CANCELLED AT 2024-01-01T00:00:00 DUE TO TIME "
      "LIMIT ***\n",
      "");
  CHECK((timeout.settled && timeout.status == Status::timeout));

  const auto cancelled = sweep::read_task_verdict(
      false, "slurmstepd: error: *** JOB 7 ON n1 CANCELLED AT 2024-01-01T00:00:00 ***\n", "");
  CHECK((cancelled.settled && cancelled.status == Status::failed));
  CHECK_THAT(cancelled.error, Catch::Contains("cancelled"));

  const auto invisible = sweep::read_task_verdict(
      false,
      "axsim-task: /share/cache or /opt/axsim is not visible on n1: both must be on a "
      "file system every node mounts\n",
      "");
  CHECK((invisible.settled && invisible.status == Status::failed));
  CHECK_THAT(invisible.error, Catch::StartsWith("/share/cache or /opt/axsim is not visible"));

  // Exit 0 without a visible result, or no log yet: wait for the shared file system.
  CHECK_FALSE(sweep::read_task_verdict(false, "axsim-task: point 3 exit 0\n", "").settled);
  CHECK_FALSE(sweep::read_task_verdict(false, "", "").settled);
}
