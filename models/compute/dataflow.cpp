#include <stdexcept>

#include "models/compute/systolic_array.h"

namespace axsim::compute {

const char* dataflow_name(Dataflow dataflow) {
  switch (dataflow) {
    case Dataflow::output_stationary:
      return "output_stationary";
    case Dataflow::weight_stationary:
      return "weight_stationary";
    case Dataflow::input_stationary:
      return "input_stationary";
  }
  throw std::invalid_argument("dataflow_name: not a Dataflow value");
}

Dataflow parse_dataflow(const std::string& name) {
  if (name == "output_stationary" || name == "os") return Dataflow::output_stationary;
  if (name == "weight_stationary" || name == "ws") return Dataflow::weight_stationary;
  if (name == "input_stationary" || name == "is") return Dataflow::input_stationary;
  throw std::invalid_argument("unknown dataflow '" + name +
                              "': expected output_stationary (os), weight_stationary (ws) or "
                              "input_stationary (is)");
}

}  // namespace axsim::compute
