#include "sweep/constraint.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace axsim::sweep {

namespace {

const std::vector<std::string> kOperators = {"<=", ">=", "==", "!=", "<", ">"};

bool is_number(const std::string& text, double* value) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return false;
  if (value != nullptr) *value = v;
  return true;
}

std::vector<std::string> factors(const std::string& side, const std::string& text,
                                 const std::vector<std::string>& axis_keys) {
  std::vector<std::string> out;
  std::stringstream in(side);
  for (std::string token; std::getline(in, token, '*');) {
    token.erase(0, token.find_first_not_of(" \t"));
    token.erase(token.find_last_not_of(" \t") + 1);
    const bool known = std::find(axis_keys.begin(), axis_keys.end(), token) != axis_keys.end();
    double ignored = 0;
    if (token.empty() || (!known && !is_number(token, &ignored))) {
      throw std::invalid_argument("constraint '" + text + "': '" + token +
                                  "' is neither a number nor an axis of this sweep");
    }
    out.push_back(token);
  }
  return out;
}

double evaluate(const std::vector<std::string>& side,
                const std::vector<std::pair<std::string, std::string>>& settings) {
  double product = 1.0;
  for (const std::string& factor : side) {
    double value = 0;
    const auto found = std::find_if(settings.begin(), settings.end(),
                                    [&](const auto& s) { return s.first == factor; });
    const std::string& text = found == settings.end() ? factor : found->second;
    if (!is_number(text, &value)) {
      throw std::invalid_argument("axis '" + factor + "' has the value '" + text +
                                  "', which does not start with a number");
    }
    product *= value;
  }
  return product;
}

}  // namespace

Constraint parse_constraint(const std::string& text, const std::vector<std::string>& axis_keys) {
  for (const std::string& op : kOperators) {
    const size_t at = text.find(op);
    if (at == std::string::npos) continue;
    Constraint c;
    c.text = text;
    c.op = op;
    c.lhs = factors(text.substr(0, at), text, axis_keys);
    c.rhs = factors(text.substr(at + op.size()), text, axis_keys);
    return c;
  }
  throw std::invalid_argument("constraint '" + text +
                              "' needs a comparison: <, <=, >, >=, == or !=");
}

bool satisfies(const Constraint& c,
               const std::vector<std::pair<std::string, std::string>>& settings) {
  const double l = evaluate(c.lhs, settings);
  const double r = evaluate(c.rhs, settings);
  if (c.op == "<") return l < r;
  if (c.op == "<=") return l <= r;
  if (c.op == ">") return l > r;
  if (c.op == ">=") return l >= r;
  if (c.op == "==") return l == r;
  return l != r;
}

}  // namespace axsim::sweep
