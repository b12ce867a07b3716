// Table cells every report table uses: the text shown, and a data-v sort key the page's
// sorting script reads (numbers sort by value, not by their formatted text).
#pragma once

#include <string>

namespace axsim::reports {

std::string text_cell(const std::string& text);
std::string number_cell(double sort_key, const std::string& text);

}  // namespace axsim::reports
