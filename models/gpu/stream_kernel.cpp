#include "models/gpu/stream_kernel.h"

#include <algorithm>
#include <cmath>

namespace axsim::gpu {

namespace {

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

}  // namespace

StreamMapping map_stream(const GpuConfig& config, const StreamProblem& p) {
  StreamMapping m;
  const auto moved = static_cast<int64_t>(std::ceil(std::max(p.read_bytes, p.write_bytes)));
  m.tiles = std::max<int64_t>(1, ceil_div(moved, kStreamTileBytes));
  m.waves = ceil_div(m.tiles, config.sms);
  const double active_sms = static_cast<double>(std::min(m.tiles, config.sms));
  const double lanes_s = static_cast<double>(p.fp32_ops) /
                         (static_cast<double>(config.fp32_ops_per_sm_per_cycle) * active_sms);
  const double sfu_s = static_cast<double>(p.sfu_ops) /
                       (static_cast<double>(config.sfu_ops_per_sm_per_cycle) * active_sms);
  // The lanes and the special-function units issue from different pipes and overlap.
  m.compute_s = std::max(lanes_s, sfu_s) / config.clock.si;
  m.l2_bytes = p.read_bytes + p.write_bytes;
  m.first_read_bytes = std::min(p.hbm_read_bytes, active_sms * kStreamTileBytes);
  return m;
}

}  // namespace axsim::gpu
