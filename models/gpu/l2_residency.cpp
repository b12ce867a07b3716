#include "models/gpu/l2_residency.h"

namespace axsim::gpu {

bool L2Residency::holds(const std::string& tensor, double bytes) const {
  const auto found = produced_.find(tensor);
  if (found == produced_.end() || bytes > found->second.bytes) return false;
  return clock_ - found->second.stamp + bytes <= capacity_;
}

void L2Residency::produce(const std::string& tensor, double bytes) {
  produced_[tensor] = {clock_, bytes};
}

}  // namespace axsim::gpu
