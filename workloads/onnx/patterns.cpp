#include "workloads/onnx/patterns.h"

#include <algorithm>
#include <map>
#include <set>

namespace axsim::onnx_import {

namespace {

// Every tensor a member produces is read only inside the group, so skipping the members
// loses nothing another node needs.
bool self_contained(const Graph& g, const Fusion& f) {
  std::set<const NodeProto*> group(f.members.begin(), f.members.end());
  group.insert(f.anchor);
  for (const NodeProto* member : f.members) {
    for (const std::string& out : member->output()) {
      if (out.empty()) continue;
      if (g.is_graph_output(out)) return false;
      for (const NodeProto* reader : g.consumers(out)) {
        if (group.count(reader) == 0) return false;
      }
    }
  }
  return true;
}

}  // namespace

std::vector<Fusion> find_fusions(const Graph& graph) {
  std::map<const NodeProto*, size_t> position;
  for (size_t i = 0; i < graph.nodes().size(); ++i) position[graph.nodes()[i]] = i;
  std::vector<Fusion> found;
  // Attention first: its softmax must not be claimed by anything smaller.
  for (auto* matcher : {find_attention, find_layer_norms, find_activations}) {
    std::vector<Fusion> more = matcher(graph);
    found.insert(found.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
  }
  std::set<const NodeProto*> taken;
  std::vector<Fusion> kept;
  for (Fusion& f : found) {
    bool overlaps = taken.count(f.anchor) > 0;
    for (const NodeProto* m : f.members) overlaps |= taken.count(m) > 0;
    // The anchor must come after every member, or a member's input might not exist yet.
    for (const NodeProto* m : f.members) overlaps |= position.at(m) > position.at(f.anchor);
    if (overlaps || !self_contained(graph, f)) continue;
    taken.insert(f.anchor);
    taken.insert(f.members.begin(), f.members.end());
    std::sort(f.members.begin(), f.members.end(),
              [&position](const NodeProto* a, const NodeProto* b) {
                return position.at(a) < position.at(b);
              });
    kept.push_back(std::move(f));
  }
  return kept;
}

}  // namespace axsim::onnx_import
