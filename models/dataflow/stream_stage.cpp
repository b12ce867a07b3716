#include "models/dataflow/stream_stage.h"

#include <algorithm>

namespace axsim::dataflow {

// Provisional closed form, to be made equal to the RTL's counts by the cross-check.
StageCycles stream_stage_cycles(const StreamStage& stage, int64_t consumer_period) {
  const int64_t half = stage.kernel / 2;
  StageCycles c;
  c.first_output = half * stage.width + half + 1;
  const int64_t period = std::max<int64_t>(1, consumer_period);
  const int64_t outputs = stage.width * stage.height;
  c.last_output = std::max(c.first_output + (outputs - 1) * period, outputs + c.first_output - 1);
  return c;
}

int64_t fill_rows(const StreamStage& stage) { return stage.kernel / 2 + 1; }

}  // namespace axsim::dataflow
