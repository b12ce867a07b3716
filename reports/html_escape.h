// Every string that comes from a result (layer names, config names, paths) goes through
// escape_html before it reaches the report, in text and in attribute values alike.
#pragma once

#include <string>

namespace axsim::reports {

// Replaces & < > " ' with character references.
std::string escape_html(const std::string& text);

}  // namespace axsim::reports
