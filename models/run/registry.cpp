#include <stdexcept>

#include "models/core/error.h"
#include "models/run/accelerator.h"

namespace axsim::run {

void Registry::add(AcceleratorEntry entry) {
  for (const auto& existing : entries_) {
    if (existing.kind == entry.kind) {
      throw std::logic_error("accelerator kind '" + entry.kind + "' registered twice");
    }
  }
  entries_.push_back(std::move(entry));
}

const AcceleratorEntry& Registry::get(const std::string& kind) const {
  for (const auto& entry : entries_) {
    if (entry.kind == kind) return entry;
  }
  std::string known;
  for (const auto& entry : entries_) known += (known.empty() ? "" : ", ") + entry.kind;
  throw core::InputError("unknown accelerator kind '" + kind + "' (known kinds: " + known + ")");
}

std::vector<std::string> Registry::kinds() const {
  std::vector<std::string> out;
  for (const auto& entry : entries_) out.push_back(entry.kind);
  return out;
}

}  // namespace axsim::run
