// `axsim sweep --backend slurm` against a real one-node Slurm cluster on this machine, started
// by scripts/slurm-localhost.sh (root, slurm-wlm and munge needed; without them the cluster
// cases say SKIPPED loudly and pass). The batch script is also run by hand, without Slurm.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "sweep/points.h"
#include "sweep/slurm_script.h"
#include "sweep/sweep_spec.h"
#include "tests/support/run_command.h"
#include "tests/sweep/sweep_child.h"

namespace fs = std::filesystem;
using axsim::test::run_command;
using axsim::test::text_of;

namespace {

// Short: munge's socket path must fit in 108 bytes.
const fs::path kClusterDir = "/tmp/axsim-slurm-test";

// The localhost cluster for one test case. Cases run in their own processes, possibly at once
// (ctest -j), and share the cluster's ports: a lock file makes them take turns.
class LocalCluster {
 public:
  LocalCluster() {
    const std::string lock_file = kClusterDir.string() + "-" + std::to_string(getuid()) + ".lock";
    lock_ = open(lock_file.c_str(), O_CREAT | O_RDWR, 0644);
    if (lock_ < 0) {
      why_not_ = "cannot open " + lock_file + ": " + std::strerror(errno);
      return;
    }
    const bool locked =
        axsim::test::wait_until([this] { return flock(lock_, LOCK_EX | LOCK_NB) == 0; }, 900);
    if (!locked) {
      why_not_ = "another test held the cluster for 15 minutes";
      return;
    }
    const auto start = run_command("timeout 180 " + script() + " start " + kClusterDir.string());
    up_ = start.exit_code == 0;
    why_not_ = "scripts/slurm-localhost.sh start said:\n" + start.output;
    setenv("SLURM_CONF", (kClusterDir / "slurm.conf").c_str(), 1);
  }
  ~LocalCluster() {
    if (up_) run_command("timeout 60 " + script() + " stop " + kClusterDir.string());
    if (lock_ >= 0) close(lock_);
  }
  LocalCluster(const LocalCluster&) = delete;
  LocalCluster& operator=(const LocalCluster&) = delete;

  bool up() const { return up_; }
  std::string skip_message() const {
    return "SKIPPED: no Slurm cluster on localhost, so --backend slurm was NOT tested: " + why_not_;
  }

 private:
  static std::string script() {
    return std::string(AXSIM_SOURCE_DIR) + "/scripts/slurm-localhost.sh";
  }
  int lock_ = -1;
  bool up_ = false;
  std::string why_not_;
};

void write_spec(const fs::path& dir, const std::string& name, const std::string& bandwidths,
                const std::string& slurm_section) {
  const std::string source = AXSIM_SOURCE_DIR;
  std::ofstream(dir / "sweep.yaml")
      << "name: " << name << "\n"
      << "configs: [" << source << "/configs/systolic/tpu-v1.yaml]\n"
      << "workloads: [" << source << "/workloads/traces/ds-cnn.json]\n"
      << "axes:\n  systolic.array.rows: [32, 256]\n  systolic.dram.bandwidth: " << bandwidths
      << "\n"
      << slurm_section;
}

fs::path write_sweep(const std::string& name, const std::string& bandwidths,
                     const std::string& slurm_section) {
  const fs::path dir = fs::temp_directory_path() / ("axsim-sweep-slurm-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_spec(dir, name, bandwidths, slurm_section);
  return dir;
}

axsim::test::CommandOutcome axsim_cmd(const std::string& args) {
  return run_command("timeout 600 " + std::string(AXSIM_BINARY) + " " + args);
}

std::vector<nlohmann::json> read_jsonl(const fs::path& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

std::string active_tasks(const std::string& job) {
  return run_command("timeout 60 squeue --noheader --array --jobs=" + job +
                     " --states=PENDING,RUNNING,COMPLETING,CONFIGURING --format=%K")
      .output;
}

}  // namespace

TEST_CASE("sweep slurm: the batch script run by hand as a task puts its point in the cache") {
  const fs::path dir = write_sweep("by-hand", "['34 GB/s', '34 GHz']", "");
  const fs::path out = dir / "out";
  const auto spec = axsim::sweep::load_sweep_spec((dir / "sweep.yaml").string());
  const auto points = axsim::sweep::expand_points(spec);
  const auto lookup = axsim::sweep::look_up_cache(points, (out / "cache").string(), true);
  REQUIRE(lookup.pending.size() == 4);
  const axsim::sweep::SlurmPaths paths(out.string());
  for (const char* sub : {"cache", "logs", "work", "slurm/logs"}) fs::create_directories(out / sub);
  std::ofstream(paths.manifest) << axsim::sweep::slurm_manifest(lookup.outcomes, lookup.pending);
  std::ofstream(paths.script) << axsim::sweep::slurm_batch_script({"by-hand", AXSIM_BINARY, 4, {}},
                                                                  paths);

  const auto ok = run_command("SLURM_ARRAY_TASK_ID=2 timeout 300 bash " + paths.script);
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::EndsWith("axsim-task: point 2 exit 0\n"));
  const fs::path result = out / "cache" / (lookup.outcomes[2].key + ".json");
  REQUIRE(fs::exists(result));
  CHECK(nlohmann::json::parse(text_of(result)).contains("summary"));
  CHECK_FALSE(fs::exists(out / "work" / "2"));

  const auto bad = run_command("SLURM_ARRAY_TASK_ID=1 timeout 300 bash " + paths.script);
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.output, Catch::Contains("axsim-task: point 1 exit 2"));
  CHECK_THAT(text_of(out / "logs" / "1.err"), Catch::Contains("systolic.dram.bandwidth"));
  CHECK(axsim::test::files_in(out / "cache").size() == 1);

  const auto unknown = run_command("SLURM_ARRAY_TASK_ID=9 timeout 60 bash " + paths.script);
  CHECK(unknown.exit_code != 0);
  CHECK_THAT(unknown.output, Catch::Contains("axsim-task: no line for task 9"));
}

TEST_CASE("sweep slurm: wrong options are refused and options reach the batch script") {
  const fs::path dir = write_sweep("options", "['34 GB/s']", "slurm:\n  partition: cpu\n");
  const std::string sweep =
      "sweep " + (dir / "sweep.yaml").string() + " -o " + (dir / "out").string();
  const auto jobs = axsim_cmd(sweep + " --backend slurm -j 2");
  CHECK(jobs.exit_code == 2);
  CHECK_THAT(jobs.output, Catch::Contains("--jobs applies to --backend local"));
  const auto partition = axsim_cmd(sweep + " --slurm-partition gpu");
  CHECK(partition.exit_code == 2);
  CHECK_THAT(partition.output, Catch::Contains("--slurm-partition applies to --backend slurm"));
  const auto time = axsim_cmd(sweep + " --backend slurm --slurm-time 10m");
  CHECK(time.exit_code == 2);
  CHECK_THAT(time.output, Catch::Contains("--slurm-time: '10m' is not a Slurm time limit"));

  // Without sbatch on PATH the sweep stops with a clear error, the script already written.
  const auto no_sbatch =
      run_command("timeout 60 env PATH=/nonexistent " + std::string(AXSIM_BINARY) + " " + sweep +
                  " --backend slurm --slurm-partition gpu --slurm-time 30 "
                  "--sbatch-arg=--account=hw --sbatch-arg=--mem=1G "
                  "--slurm-max-concurrent 3");
  CHECK(no_sbatch.exit_code == 2);
  CHECK_THAT(no_sbatch.output, Catch::Contains("cannot run 'sbatch'"));
  const std::string script = text_of(dir / "out" / "slurm" / "sweep.sbatch");
  CHECK_THAT(script, Catch::Contains("#SBATCH --array=0-1%3\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --partition=gpu\n"));  // the command line wins
  CHECK_THAT(script, Catch::Contains("#SBATCH --time=30\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --account=hw\n#SBATCH --mem=1G\n"));
}

TEST_CASE("sweep slurm: on a cluster the outputs equal the local backend's") {
  const LocalCluster cluster;
  if (!cluster.up()) {
    WARN(cluster.skip_message());
    return;
  }
  const fs::path dir = write_sweep("same", "['34 GB/s', '34 GHz']",
                                   "slurm:\n  max_concurrent: 2\n  poll: 0.5\n  wait: 300\n"
                                   "  setup: ['echo \"setup ran on $(hostname)\"']\n");
  const std::string spec = (dir / "sweep.yaml").string();
  const auto local = axsim_cmd("sweep " + spec + " -j 2 -o " + (dir / "local").string());
  REQUIRE(local.exit_code == 1);  // two points have a bad bandwidth
  const auto slurm = axsim_cmd("sweep " + spec + " --backend slurm -o " + (dir / "slurm").string());
  INFO(slurm.output);
  REQUIRE(slurm.exit_code == 1);
  CHECK_THAT(slurm.output, Catch::Contains("4 points submitted as Slurm job array"));
  CHECK_THAT(slurm.output, Catch::Contains("4 points: 2 ran, 0 from the cache, 2 failed"));

  const auto local_lines = read_jsonl(dir / "local" / "results.jsonl");
  const auto slurm_lines = read_jsonl(dir / "slurm" / "results.jsonl");
  REQUIRE(slurm_lines.size() == 4);
  REQUIRE(local_lines.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    INFO("point " << i);
    for (const char* field : {"index", "status", "settings", "key", "pareto", "error", "summary"}) {
      INFO(field);
      CHECK(slurm_lines[i].value(field, nlohmann::json()) ==
            local_lines[i].value(field, nlohmann::json()));
    }
  }
  CHECK(slurm_lines[1]["status"] == "failed");
  CHECK_THAT(slurm_lines[1]["error"].get<std::string>(),
             Catch::Contains("systolic.dram.bandwidth"));
  for (const char* file : {"summary.csv", "pareto.csv"}) {
    INFO(file);
    CHECK(text_of(dir / "slurm" / file) == text_of(dir / "local" / file));
  }
  const auto report = axsim_cmd("report " + (dir / "slurm" / "results.jsonl").string() + " -o " +
                                (dir / "slurm" / "sweep.html").string());
  CHECK(report.exit_code == 0);

  // The batch script and the manifest stay for a look; each task ran the setup lines.
  CHECK_THAT(text_of(dir / "slurm" / "slurm" / "sweep.sbatch"),
             Catch::Contains("#SBATCH --array=0-3%2"));
  bool setup_ran = false;
  for (const fs::path& log : axsim::test::files_in(dir / "slurm" / "slurm" / "logs")) {
    setup_ran |= text_of(log).find("setup ran on") != std::string::npos;
  }
  CHECK(setup_ran);

  // A rerun submits only what is not in the cache: the two failed points.
  const auto rerun = axsim_cmd("sweep " + spec + " --backend slurm -o " + (dir / "slurm").string());
  INFO(rerun.output);
  CHECK(rerun.exit_code == 1);
  CHECK_THAT(rerun.output, Catch::Contains("2 points submitted as Slurm job array"));
  CHECK_THAT(rerun.output, Catch::Contains("0 ran, 2 from the cache, 2 failed"));
}

TEST_CASE("sweep slurm: Ctrl-C cancels the job array and keeps what finished") {
  const LocalCluster cluster;
  if (!cluster.up()) {
    WARN(cluster.skip_message());
    return;
  }
  // Every task but the first sleeps, so the interrupt finds the array half done.
  const std::string slow =
      "slurm:\n  poll: 0.5\n  wait: 300\n"
      "  setup: ['[ \"$SLURM_ARRAY_TASK_ID\" = 0 ] || sleep 600']\n";
  const fs::path dir = write_sweep("cancel", "['8 GB/s', '34 GB/s']", slow);
  const fs::path out = dir / "out";
  std::string job;
  {
    axsim::test::Child sweep({AXSIM_BINARY, "sweep", (dir / "sweep.yaml").string(), "--backend",
                              "slurm", "-o", out.string()},
                             dir / "sweep.log");
    const bool one_done = axsim::test::wait_until(
        [&] { return axsim::test::files_in(out / "cache").size() == 1; }, 300);
    INFO(text_of(dir / "sweep.log"));
    REQUIRE(one_done);
    job = text_of(out / "slurm" / "job");
    REQUIRE_FALSE(job.empty());
    REQUIRE_FALSE(active_tasks(job).empty());
    sweep.signal(SIGINT);
    CHECK(sweep.wait(120) == 130);
  }
  const bool cancelled = axsim::test::wait_until([&] { return active_tasks(job).empty(); }, 120);
  CHECK(cancelled);
  const auto lines = read_jsonl(out / "results.jsonl");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["status"] == "ok");
  for (size_t i = 1; i < 4; ++i) CHECK(lines[i]["status"] == "interrupted");

  // Out of --slurm-wait, the array is cancelled as well and its points are timeouts. Task 0 of
  // this array, the first point still missing, is again the one that does not sleep. The wait
  // leaves it time to be scheduled and run on a loaded machine (a one-node cluster under a
  // parallel ctest took more than 3 s to start it); the sleeping tasks still run out of it.
  const auto waited = axsim_cmd("sweep " + (dir / "sweep.yaml").string() +
                                " --backend slurm --slurm-wait 30 -o " + out.string());
  INFO(waited.output);
  CHECK(waited.exit_code == 1);
  CHECK_THAT(waited.output, Catch::Contains("not finished within the sweep's wait of 30 s"));
  CHECK_THAT(waited.output, Catch::Contains("1 ran, 1 from the cache, 2 failed"));
  const std::string second_job = text_of(out / "slurm" / "job");
  CHECK(axsim::test::wait_until([&] { return active_tasks(second_job).empty(); }, 120));

  // Without the sleep, a rerun runs the two others and takes the first two from the cache.
  write_spec(dir, "cancel", "['8 GB/s', '34 GB/s']", "slurm:\n  poll: 0.5\n  wait: 300\n");
  const auto rerun =
      axsim_cmd("sweep " + (dir / "sweep.yaml").string() + " --backend slurm -o " + out.string());
  INFO(rerun.output);
  CHECK(rerun.exit_code == 0);
  CHECK_THAT(rerun.output, Catch::Contains("2 ran, 2 from the cache, 0 failed"));
}

TEST_CASE("sweep slurm: a rerun after the sweep was killed waits for the array it left") {
  const LocalCluster cluster;
  if (!cluster.up()) {
    WARN(cluster.skip_message());
    return;
  }
  const fs::path dir = write_sweep("reattach", "['8 GB/s', '34 GB/s']",
                                   "slurm:\n  poll: 0.5\n  wait: 300\n  setup: ['sleep 3']\n");
  const fs::path out = dir / "out";
  const std::vector<std::string> sweep = {AXSIM_BINARY, "sweep", (dir / "sweep.yaml").string(),
                                          "--backend",  "slurm", "-o",
                                          out.string()};
  {
    axsim::test::Child first(sweep, dir / "first.log");
    const bool submitted =
        axsim::test::wait_until([&] { return !text_of(out / "slurm" / "job").empty(); }, 120);
    REQUIRE(submitted);
    first.signal(SIGKILL);  // a closed terminal: no chance to cancel anything
    CHECK(first.wait(60) == 128 + SIGKILL);
  }
  const std::string job = text_of(out / "slurm" / "job");
  const auto rerun =
      axsim_cmd("sweep " + (dir / "sweep.yaml").string() + " --backend slurm -o " + out.string());
  INFO(rerun.output);
  CHECK(rerun.exit_code == 0);
  CHECK_THAT(rerun.output, Catch::Contains("waiting for job array " + job));
  CHECK_THAT(rerun.output, !Catch::Contains("points submitted"));
  CHECK_THAT(rerun.output, Catch::Contains("0 ran, 4 from the cache, 0 failed"));
  CHECK_FALSE(fs::exists(out / "slurm" / "job"));
}
