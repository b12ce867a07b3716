// Constraints that prune sweep points, e.g. "systolic.array.rows * systolic.array.cols <= 65536"
// (a MAC budget) or "systolic.array.rows <= systolic.array.cols". Each side is a product of
// axis keys and numbers; an axis value counts by the number it starts with, so keep one unit
// along an axis ("17 GB/s" counts as 17).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace axsim::sweep {

struct Constraint {
  std::string text;
  std::vector<std::string> lhs;  // factors: axis keys or numbers
  std::string op;                // < <= > >= == !=
  std::vector<std::string> rhs;
};

// std::invalid_argument naming what is wrong: a factor that is neither a number nor one of
// `axis_keys`, or a missing / unknown comparison.
Constraint parse_constraint(const std::string& text, const std::vector<std::string>& axis_keys);

// Whether a point's settings satisfy the constraint. std::invalid_argument when an axis value
// does not start with a number.
bool satisfies(const Constraint& constraint,
               const std::vector<std::pair<std::string, std::string>>& settings);

}  // namespace axsim::sweep
