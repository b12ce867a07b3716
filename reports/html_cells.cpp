#include "reports/html_cells.h"

#include "reports/html_escape.h"
#include "reports/report_format.h"

namespace axsim::reports {

std::string text_cell(const std::string& text) {
  return "<td data-v=\"" + escape_html(text) + "\">" + escape_html(text) + "</td>";
}

std::string number_cell(double sort_key, const std::string& text) {
  return "<td class=\"num\" data-v=\"" + exact_number(sort_key) + "\">" + escape_html(text) +
         "</td>";
}

}  // namespace axsim::reports
