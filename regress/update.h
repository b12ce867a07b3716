// `axsim regress --update`: rewrites a case's golden file from its current result and says
// what that changed, so the commit that updates goldens can say why.
#pragma once

#include <string>

#include "regress/snapshot.h"
#include "regress/suite.h"

namespace axsim::regress {

// Writes the golden atomically, and only when its text changes. Returns "created",
// "unchanged", or "updated: " and the metrics that moved (e.g. "latency_s +0.520%").
std::string update_golden(const Case& c, const Snapshot& now);

}  // namespace axsim::regress
