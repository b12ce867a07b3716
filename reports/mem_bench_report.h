// `axsim mem-bench`'s page: the bandwidth_latency.json it writes, read back and drawn as one
// self-contained HTML file with an inline SVG bandwidth-latency chart (achieved bandwidth
// across, mean latency up, one curve per access pattern, the device's peak as a line) and a
// sortable table of every point. Reads only that JSON, like every report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace axsim::reports {

struct MemBenchPoint {
  bool saturation = false;  // every request offered at once
  double offered_load = 0;  // fraction of peak the generator offered; 0 at saturation
  double offered_bytes_per_s = 0;
  double bandwidth_bytes_per_s = 0;  // achieved
  double latency_mean_s = 0;
  double latency_p99_s = 0;
  double row_hit_rate = 0;
};

struct MemBenchSeries {
  std::string pattern;
  std::vector<MemBenchPoint> points;  // in the file's order: rising load, saturation last
};

struct MemBenchView {
  std::string name;  // the memory preset's name
  std::string standard;
  std::string file;  // the preset it was read from
  double peak_bytes_per_s = 0;
  double capacity_bytes = 0;
  double unloaded_read_latency_s = 0;  // one read on an idle device, measured
  std::vector<MemBenchSeries> series;  // patterns in order of first appearance
};

// core::InputError naming the missing or mistyped key.
MemBenchView mem_bench_view(const nlohmann::json& document);

std::string render_mem_bench_chart(const MemBenchView& view, const std::string& id);
std::string render_mem_bench_page(const MemBenchView& view);

}  // namespace axsim::reports
