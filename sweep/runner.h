// Runs a sweep's points, each as its own `axsim run` process (SystemC allows one elaboration
// per process), on a local pool. Finished results live in a content-addressed cache, so a
// killed sweep loses nothing and a rerun only runs what is missing.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/points.h"

namespace axsim::sweep {

struct RunnerOptions {
  std::string axsim_binary;  // the program that runs one point
  std::string out_dir;       // cache/, logs/ and the outputs go here
  int jobs = 1;
  double timeout_s = 0;      // per point; 0 = none
  // Off for a regression gate: the key holds the version string, not the build, so a cached
  // result could hide what a rebuilt binary does.
  bool use_cache = true;
};

enum class Status { ok, cached, failed, timeout, interrupted };
const char* status_name(Status status);

struct PointOutcome {
  Point point;
  std::string key;         // cache key: config tree + tech table + trace + axsim version
  Status status = Status::failed;
  std::string error;       // first line of the point's error, when it failed
  std::string result_path;
  nlohmann::json summary;  // the result's summary, when it has one
};

// The cache key of a point; InputError when its config cannot be read.
std::string point_key(const Point& point);

// Every point's outcome with its key: points in the cache come out `cached`, points whose
// config cannot be read `failed`, and `pending` lists the ones left to run. Shared by the
// local pool and the Slurm backend, so both skip exactly the same points.
struct CacheLookup {
  std::vector<PointOutcome> outcomes;
  std::vector<size_t> pending;
};
CacheLookup look_up_cache(const std::vector<Point>& points, const std::string& cache_dir,
                          bool use_cache);

// The `summary` object of a result file.
nlohmann::json read_summary(const std::string& result_path);

// From now on SIGINT and SIGTERM set interrupted() instead of ending the process.
void stop_on_signals();

// Runs every point not in the cache. SIGINT / SIGTERM stop the sweep: running points are
// killed and reported as interrupted; everything finished stays in the cache.
std::vector<PointOutcome> run_points(const std::vector<Point>& points,
                                     const RunnerOptions& options);

bool interrupted();

}  // namespace axsim::sweep
