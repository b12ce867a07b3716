// Presets and traces for the CIM tests: the checked-in configs read as axsim reads them,
// with --set style overrides, and the networks of the zoo.
#pragma once

#include <string>
#include <vector>

#include "models/cim/cim_config.h"
#include "models/core/energy.h"
#include "workloads/trace/trace.h"

namespace axsim::test {

// configs/cim/<preset>.yaml's `cim:` section with overrides such as "cim.macros=64".
cim::CimConfig cim_preset(const std::string& preset,
                          const std::vector<std::string>& overrides = {});
// The preset's technology table.
core::TechTable cim_tech(const std::string& preset);
// A `cim:` section given as YAML text (named test.yaml in messages), e.g. to check errors.
cim::CimConfig parse_cim_text(const std::string& text);
// The wtm2101 preset's `cim:` section as text, with `replace` substituted for `find` (once).
std::string wtm2101_text_with(const std::string& find, const std::string& replace);
trace::Trace zoo_trace(const std::string& name);

}  // namespace axsim::test
