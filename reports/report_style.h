// The report's inline stylesheet and its one script (sortable tables). Both are embedded in
// the page, so the HTML file is all a reader needs.
#pragma once

#include <string>

namespace axsim::reports {

const std::string& report_css();
// Rules for the CIM and dataflow sections (cim_section.h, dataflow_section.h).
const std::string& kind_section_css();
const std::string& report_script();

}  // namespace axsim::reports
