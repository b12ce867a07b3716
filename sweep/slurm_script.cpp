#include "sweep/slurm_script.h"

#include <filesystem>

#include "models/core/error.h"
#include "sweep/slurm_task_log.h"

namespace axsim::sweep {

namespace fs = std::filesystem;

namespace {

// A word the shell reads back unchanged, whatever it holds.
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A value in an #SBATCH line, where sbatch strips double quotes.
std::string directive_value(const std::string& text) { return "\"" + text + "\""; }

// sbatch reads % in a file name as a pattern (%A job, %a task): a literal one is doubled.
std::string literal_percent(const std::string& path) {
  std::string out;
  for (char c : path) out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

std::string manifest_field(const std::string& text, const Point& point) {
  if (text.find_first_of("\t\n\r") != std::string::npos) {
    throw core::InputError("point " + std::to_string(point.index) + ": '" + text +
                           "' holds a tab or a line break, which the Slurm manifest cannot carry");
  }
  return text;
}

std::string absolute(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

}  // namespace

SlurmPaths::SlurmPaths(const std::string& out_dir)
    : out(out_dir),
      dir((fs::path(out_dir) / "slurm").string()),
      manifest((fs::path(dir) / "points.tsv").string()),
      script((fs::path(dir) / "sweep.sbatch").string()),
      job((fs::path(dir) / "job").string()) {}

std::string SlurmPaths::task_log(const std::string& job_id, size_t task) const {
  return (fs::path(dir) / "logs" / (job_id + "_" + std::to_string(task) + ".log")).string();
}

std::string slurm_manifest(const std::vector<PointOutcome>& outcomes,
                           const std::vector<size_t>& pending) {
  std::string text = "# task\tpoint\tkey\tconfig\tworkload\tsettings...\n";
  for (size_t task = 0; task < pending.size(); ++task) {
    const PointOutcome& o = outcomes[pending[task]];
    text += std::to_string(task) + "\t" + std::to_string(o.point.index) + "\t" + o.key + "\t" +
            manifest_field(absolute(o.point.config), o.point) + "\t" +
            manifest_field(absolute(o.point.workload), o.point);
    for (const std::string& setting : o.point.overrides()) {
      text += "\t" + manifest_field(setting, o.point);
    }
    text += "\n";
  }
  return text;
}

std::string slurm_batch_script(const BatchScript& batch, const SlurmPaths& paths) {
  const SlurmSettings& s = batch.settings;
  std::string array = "0-" + std::to_string(batch.tasks - 1);
  if (s.max_concurrent > 0) array += "%" + std::to_string(s.max_concurrent);
  std::string text = "#!/bin/bash\n";
  text += "# Written by `axsim sweep --backend slurm` for the sweep '" + batch.sweep_name +
          "': array task N runs the point on the line of points.tsv that starts with N.\n";
  text += "#SBATCH --job-name=" + directive_value("axsim-" + batch.sweep_name) + "\n";
  text += "#SBATCH --array=" + array + "\n";
  text += "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n";
  text +=
      "#SBATCH --output=" + directive_value(literal_percent(paths.dir) + "/logs/%A_%a.log") + "\n";
  if (!s.partition.empty()) text += "#SBATCH --partition=" + s.partition + "\n";
  if (!s.time_limit.empty()) text += "#SBATCH --time=" + s.time_limit + "\n";
  for (const std::string& arg : s.sbatch_args) text += "#SBATCH " + arg + "\n";
  for (const std::string& line : s.setup) text += line + "\n";

  const std::string prefix = kTaskPrefix;
  text += "out=" + shell_quote(paths.out) + "\n";
  text += "axsim=" + shell_quote(batch.axsim_binary) + "\n";
  text += "manifest=" + shell_quote(paths.manifest) + "\n";
  text +=
      R"(task=${SLURM_ARRAY_TASK_ID:?run this script with sbatch}
if [ ! -d "$out/cache" ] || [ ! -x "$axsim" ]; then
  echo ")" +
      prefix +
      R"($out/cache or $axsim is not visible on $(hostname): both must be on a file system every node mounts"
  exit 1
fi
IFS=$'\t' read -r -a point < <(awk -F'\t' -v t="$task" '$1 == t' "$manifest")
if [ "${#point[@]}" -lt 5 ]; then
  echo ")" +
      prefix + R"(no line for task $task in $manifest"
  exit 1
fi
index=${point[1]}
work="$out/work/$index"
args=(run "${point[3]}" "${point[4]}" -o "$work" --quiet)
for setting in "${point[@]:5}"; do args+=(--set "$setting"); done
rm -rf "$work"
"$axsim" "${args[@]}" >/dev/null 2>"$out/logs/$index.err"
status=$?
# The rename is what finishes a point: the cache never holds a half-written result.
if [ "$status" -eq 0 ] && ! mv -f "$work/result.json" "$out/cache/${point[2]}.json"; then
  status=1
fi
rm -rf "$work"
echo ")" +
      prefix + R"(point $index exit $status"
exit "$status"
)";
  return text;
}

}  // namespace axsim::sweep
