// Relative tolerances of a regression case. A suite sets defaults for every case and a case
// may override some of them; what neither sets falls back to a built-in default.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace axsim::regress {

// The tolerance keys a suite may set, in the order the table prints them.
const std::vector<std::string>& tolerance_keys();

class Tolerances {
 public:
  // Explicit settings, key -> relative tolerance (0.001 = 0.1 %).
  void set(const std::string& key, double relative) { explicit_[key] = relative; }
  // `over` wins wherever it sets a key.
  Tolerances merged_with(const Tolerances& over) const;
  // The tolerance in force for `key`. cycles and inferences_per_s are latency in other units,
  // so unless set themselves they follow latency_s; everything else has a built-in default.
  double of(const std::string& key) const;

 private:
  std::map<std::string, double> explicit_;
};

}  // namespace axsim::regress
