// Every accelerator kind of this build. A new machine class adds its line here.
#include "models/cim/cim_accelerator.h"
#include "models/dataflow/dataflow_accelerator.h"
#include "models/gpu/gpu_accelerator.h"
#include "models/run/accelerator.h"
#include "models/systolic/systolic_accelerator.h"

namespace axsim::run {

const Registry& accelerators() {
  static const Registry registry = [] {
    Registry r;
    r.add(systolic::systolic_entry());
    r.add(gpu::gpu_entry());
    r.add(dataflow::dataflow_entry());
    r.add(cim::cim_entry());
    return r;
  }();
  return registry;
}

}  // namespace axsim::run
