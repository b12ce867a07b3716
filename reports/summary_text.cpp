#include "reports/summary_text.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "models/core/units.h"
#include "reports/report_format.h"

namespace axsim::reports {

namespace {

using core::format_time;
using core::seconds;

constexpr std::size_t kSlowest = 5;

std::string time_split(const ResultView& r) {
  struct Part {
    double s;
    const char* what;
  };
  std::vector<Part> parts = {{r.compute_s, "compute"},
                             {r.memory_s, "memory stall (a unit waiting for data)"},
                             {r.other_s, "other (per-layer overhead)"}};
  std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.s > b.s; });
  return format_share(parts[0].s, r.latency_s) + " of the " + format_time(seconds(r.latency_s)) +
         " latency is " + parts[0].what + ", " + format_share(parts[1].s, r.latency_s) + " " +
         parts[1].what + " and " + format_share(parts[2].s, r.latency_s) + " " + parts[2].what +
         ".";
}

// "4 conv2d, 1 linear", or "conv2d" when they share one operator.
std::string op_mix(const std::vector<const LayerView*>& layers) {
  std::map<std::string, int> count;
  for (const auto* l : layers) ++count[l->op];
  if (count.size() == 1) return count.begin()->first;
  std::string text;
  for (const auto& [op, n] : count) text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + op;
  return text;
}

// The dotted name prefix all layers share ("layer4" for layer4.0.conv2 and layer4.1.conv2).
std::string common_block(const std::vector<const LayerView*>& layers) {
  std::string prefix = layers.front()->name;
  for (const auto* l : layers) {
    std::size_t n = 0;
    while (n < prefix.size() && n < l->name.size() && prefix[n] == l->name[n]) ++n;
    prefix.resize(n);
  }
  const std::size_t dot = prefix.rfind('.');
  return dot == std::string::npos ? std::string() : prefix.substr(0, dot);
}

std::string slowest_layers(const ResultView& r) {
  std::vector<const LayerView*> order;
  for (const auto& l : r.layers) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->latency_s > b->latency_s; });
  order.resize(std::min(kSlowest, order.size()));

  double total_s = 0;
  std::string names;
  for (const auto* l : order) {
    total_s += l->latency_s;
    names += (names.empty() ? "" : ", ") + l->name;
  }
  const std::string block = order.size() > 1 ? common_block(order) : std::string();
  std::string text = "The " + std::to_string(order.size()) + " slowest layers (" + names + "; " +
                     op_mix(order) + (block.empty() ? "" : ", all in " + block) + ") take " +
                     format_share(total_s, r.latency_s) + " of it";

  // DRAM-bound in the roofline sense: moving its DRAM bytes at the link's peak takes longer
  // than the layer's compute, so no overlap can hide the transfer.
  std::vector<const LayerView*> dram_bound;
  for (const auto* l : order) {
    if (r.dram_bandwidth_peak > 0 && l->dram_bytes / r.dram_bandwidth_peak > l->compute_s) {
      dram_bound.push_back(l);
    }
  }
  if (!dram_bound.empty()) {
    double bytes = 0, compute_s = 0;
    for (const auto* l : dram_bound) {
      bytes += l->dram_bytes;
      compute_s += l->compute_s;
    }
    const double n = static_cast<double>(dram_bound.size());
    const bool one = dram_bound.size() == 1;
    const std::string who = one ? dram_bound.front()->name + " is"
                            : dram_bound.size() == order.size()
                                ? std::string("they are")
                                : std::to_string(dram_bound.size()) + " of them are";
    text += "; " + who + " DRAM-bound: " + (one ? "its" : "their") + " DRAM traffic (" +
            core::format_bytes(core::bytes(bytes / n)) + (one ? "" : " each on average") +
            ") takes " + format_time(seconds(bytes / n / r.dram_bandwidth_peak)) + " at " +
            core::format_bandwidth(core::bytes_per_second(r.dram_bandwidth_peak)) +
            ", longer than " + (one ? "its " : "their ") + format_time(seconds(compute_s / n)) +
            " of compute";
  }
  double memory_s = 0;
  for (const auto* l : order) memory_s += l->memory_s;
  return text + ". Memory stall is " + format_share(memory_s, total_s) + " of their time.";
}

std::string utilisation(const ResultView& r) {
  std::string text = "The accelerator achieves " + format_ops_rate(r.achieved_ops_per_s) +
                     ", " + format_percent(r.utilization) + " of its " +
                     format_ops_rate(r.peak_ops_per_s) + " peak";
  double low = 1, high = 0;
  for (const auto& l : r.layers) {
    if (l.unit != "array" || l.macs <= 0) continue;
    low = std::min(low, l.utilization);
    high = std::max(high, l.utilization);
  }
  if (high < low) return text + ".";
  if (format_percent(low) == format_percent(high)) {
    return text + "; every array layer runs at " + format_percent(low) + " utilisation.";
  }
  text += "; array layers range from " + format_percent(low) + " to " + format_percent(high) +
          " utilisation";
  return text + ".";
}

std::string energy(const ResultView& r) {
  std::vector<std::pair<std::string, double>> parts(r.energy_by_component_j.begin(),
                                                    r.energy_by_component_j.end());
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text = "The largest energy component is " + parts[0].first + ", " +
                     format_share(parts[0].second, r.energy_j) + " of the " +
                     core::format_energy(core::joules(r.energy_j));
  if (parts.size() > 1) {
    text += "; " + parts[1].first + " is next at " + format_share(parts[1].second, r.energy_j);
  }
  text += ". Average power is " + core::format_power(core::watts(r.average_power_w)) + ".";
  return text;
}

}  // namespace

std::vector<std::string> where_the_time_goes(const ResultView& result) {
  std::vector<std::string> sentences;
  if (result.latency_s > 0) sentences.push_back(time_split(result));
  if (!result.layers.empty() && result.latency_s > 0) sentences.push_back(slowest_layers(result));
  if (result.peak_ops_per_s > 0) sentences.push_back(utilisation(result));
  if (!result.energy_by_component_j.empty() && result.energy_j > 0) {
    sentences.push_back(energy(result));
  }
  return sentences;
}

}  // namespace axsim::reports
