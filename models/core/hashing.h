// Content hashes that identify a run's inputs (config tree, trace) in results and caches.
#pragma once

#include <string>

#include "models/core/config.h"

namespace axsim::core {

// 64-bit FNV-1a as 16 hex digits. Not cryptographic: it names contents, it does not guard them.
std::string content_hash(const std::string& bytes);
// Canonical text of a config tree (keys in file order, locations excluded), so the same
// settings reached through different files or overrides hash the same.
std::string canonical_config_text(const ConfigNode& node);

}  // namespace axsim::core
