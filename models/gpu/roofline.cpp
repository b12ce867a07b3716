#include "models/gpu/roofline.h"

namespace axsim::gpu {

RooflineBound roofline_bound(const KernelPlan& k, core::Bandwidth hbm_peak) {
  const double hbm_s = (k.hbm_read_bytes + k.hbm_write_bytes) / hbm_peak.si;
  RooflineBound bound{k.roof_tensor_s, Roof::tensor};
  const auto consider = [&bound](double time_s, Roof roof) {
    if (time_s > bound.time_s) bound = {time_s, roof};
  };
  consider(k.roof_vector_s, Roof::vector);
  consider(hbm_s, Roof::hbm);
  consider(k.l2_s, Roof::l2);
  return bound;
}

}  // namespace axsim::gpu
