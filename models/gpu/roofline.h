// The roofline bound of a kernel: the time its work and traffic would take at the GPU's peak
// rates, each roof alone (tensor cores, SIMT lanes and SFUs, HBM, L2). No simulated kernel can
// be faster; which roof is slowest says what bounds it.
#pragma once

#include "models/core/units.h"
#include "models/gpu/kernel_plan.h"

namespace axsim::gpu {

struct RooflineBound {
  double time_s = 0;
  Roof roof = Roof::tensor;
};

RooflineBound roofline_bound(const KernelPlan& kernel, core::Bandwidth hbm_peak);

}  // namespace axsim::gpu
