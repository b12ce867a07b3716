#include "models/mem/dram/channel_sim.h"

#include <algorithm>

#include "models/mem/dram/channel_controller.h"

namespace axsim::mem {

ChannelReplay replay_channel(const ChannelOrg& org, const DramTiming& timing,
                             const ControllerConfig& config,
                             const std::vector<ChannelRequest>& requests) {
  ChannelController controller(org, timing, config);
  controller.record_commands(true);
  for (const ChannelRequest& request : requests) controller.push(request);
  controller.drain();

  ChannelReplay replay;
  replay.commands = controller.commands();
  replay.completions = controller.take_completions();
  std::sort(replay.completions.begin(), replay.completions.end(),
            [](const Completion& a, const Completion& b) {
              return a.cycle != b.cycle ? a.cycle < b.cycle : a.request_id < b.request_id;
            });
  return replay;
}

}  // namespace axsim::mem
