#include "models/gpu/kernel_plan.h"

namespace axsim::gpu {

const char* roof_name(Roof roof) {
  switch (roof) {
    case Roof::tensor:
      return "tensor";
    case Roof::vector:
      return "vector";
    case Roof::hbm:
      return "hbm";
    case Roof::l2:
      return "l2";
  }
  return "tensor";
}

const char* KernelPlan::unit() const {
  switch (kind) {
    case KernelKind::gemm:
    case KernelKind::attention:
      return "array";
    case KernelKind::stream:
      return "vector";
    case KernelKind::fused:
    case KernelKind::shape_only:
      return "none";
  }
  return "none";
}

}  // namespace axsim::gpu
