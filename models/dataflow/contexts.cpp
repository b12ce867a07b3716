#include "models/dataflow/contexts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <string>

#include "models/core/error.h"
#include "models/dataflow/allocator.h"

namespace axsim::dataflow {

double unit_rate(const Node& node, const DataflowConfig& config) {
  return config.macs_per_cycle(node.bits) * config.efficiency * config.clock.si;
}

std::vector<int64_t> segment_units(const Graph& graph, const std::vector<double>& memory,
                                   const DataflowConfig& config, size_t first, size_t last) {
  std::vector<double> work;
  std::vector<int64_t> least;
  const auto total_units = static_cast<double>(config.total_units());
  for (size_t n = first; n < last; ++n) {
    const Node& node = graph.nodes[n];
    if (!node.uses_macs) continue;
    work.push_back(node.macs / unit_rate(node, config));
    least.push_back(
        static_cast<int64_t>(std::floor(memory[n] / config.total_memory_bytes() * total_units)));
  }
  return balance_units(work, config.total_units(), least);
}

namespace {

// The compiler's estimate of a segment's time per frame: its slowest stage once balanced.
double segment_period_s(const Graph& graph, const std::vector<double>& memory,
                        const DataflowConfig& config, size_t first, size_t last) {
  const std::vector<int64_t> units = segment_units(graph, memory, config, first, last);
  double worst = 0;
  size_t k = 0;
  for (size_t n = first; n < last; ++n) {
    const Node& node = graph.nodes[n];
    if (node.uses_macs) {
      worst =
          std::max(worst, node.macs / unit_rate(node, config) / static_cast<double>(units[k++]));
    } else {
      worst = std::max(worst, node.vector_ops / (config.vector_ops_per_cycle * config.clock.si));
    }
  }
  // Tensors that cross the segment's edges stream over the store or the host link.
  double store_bytes = 0;
  double host_bytes = 0;
  std::set<std::string> read_in;
  for (size_t n = first; n < last; ++n) {
    const Node& node = graph.nodes[n];
    for (const NodeInput& in : node.inputs) {
      const bool outside = in.node < 0 || static_cast<size_t>(in.node) < first;
      if (!outside || !read_in.insert(in.tensor).second) continue;
      (in.node < 0 ? host_bytes : store_bytes) += in.row_bytes * static_cast<double>(in.rows);
    }
    const double out_bytes = node.row_bytes * static_cast<double>(node.rows);
    if (node.graph_output) host_bytes += out_bytes;
    for (int c : node.consumers) {
      if (static_cast<size_t>(c) >= last) {
        store_bytes += out_bytes;
        break;
      }
    }
  }
  worst = std::max(worst, store_bytes / config.store_link().bandwidth.si);
  worst = std::max(worst, host_bytes / config.host.bandwidth.si);
  return worst;
}

void check_fits_alone(const Node& node, double memory, const DataflowConfig& config) {
  const double chip = config.total_memory_bytes();
  if (memory <= chip) return;
  std::ostringstream msg;
  msg << "layer '" << node.name << "' does not fit the chip even alone: it needs "
      << static_cast<int64_t>(memory) << " bytes of on-chip memory (weights "
      << static_cast<int64_t>(node.weight_bytes) << ", buffers "
      << static_cast<int64_t>(memory - node.weight_bytes) << ") but the " << config.clusters
      << " clusters hold " << static_cast<int64_t>(chip) << ": short by "
      << static_cast<int64_t>(memory - chip) << " bytes";
  throw core::InputError(msg.str());
}

}  // namespace

// One context when the network fits; otherwise the cut (by dynamic programming over the cut
// points) that minimises the time of a batch of `compile_batch` frames: each context's load
// plus the batch at its slowest stage.
std::vector<std::vector<int>> cut_contexts(const Graph& graph, const std::vector<double>& memory,
                                           const DataflowConfig& config) {
  const size_t n = graph.nodes.size();
  const double chip = config.total_memory_bytes();
  for (size_t i = 0; i < n; ++i) check_fits_alone(graph.nodes[i], memory[i], config);
  const auto fits = [&](size_t first, size_t last) {
    double used = 0;
    int64_t mac_nodes = 0;
    int64_t least = 0;
    for (size_t k = first; k < last; ++k) {
      used += memory[k];
      if (graph.nodes[k].uses_macs) {
        ++mac_nodes;
        least += std::max<int64_t>(
            1, static_cast<int64_t>(
                   std::floor(memory[k] / chip * static_cast<double>(config.total_units()))));
      }
    }
    return used <= chip && least <= config.total_units() && mac_nodes <= config.total_units();
  };
  std::vector<std::vector<int>> contexts;
  if (fits(0, n)) {
    contexts.emplace_back();
    for (size_t i = 0; i < n; ++i) contexts.back().push_back(static_cast<int>(i));
    return contexts;
  }
  const LinkConfig& link = config.store_link();
  const auto load_s = [&](size_t first, size_t last) {
    double bytes = 0;
    for (size_t k = first; k < last; ++k) {
      bytes += graph.nodes[k].weight_bytes + config.config_bytes_per_layer.si;
    }
    return config.switch_overhead.si + link.latency.si + bytes / link.bandwidth.si;
  };
  const double batch = static_cast<double>(config.compile_batch);
  std::vector<double> best(n + 1, std::numeric_limits<double>::infinity());
  std::vector<size_t> from(n + 1, 0);
  best[0] = 0;
  for (size_t last = 1; last <= n; ++last) {
    for (size_t first = last; first-- > 0;) {
      if (!fits(first, last)) break;
      if (!std::isfinite(best[first])) continue;
      const double cost = best[first] + load_s(first, last) +
                          batch * segment_period_s(graph, memory, config, first, last);
      if (cost < best[last]) {
        best[last] = cost;
        from[last] = first;
      }
    }
  }
  for (size_t last = n; last > 0; last = from[last]) {
    std::vector<int> ctx;
    for (size_t k = from[last]; k < last; ++k) ctx.push_back(static_cast<int>(k));
    contexts.insert(contexts.begin(), std::move(ctx));
  }
  return contexts;
}

}  // namespace axsim::dataflow
