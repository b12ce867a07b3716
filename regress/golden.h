// Golden files: the reference snapshot of one case (schema `axsim-golden`, version 1; format
// in docs/regression.md). Only what is compared is stored, one layer per line, so a golden
// stays small and its git diff reads like the change it records.
#pragma once

#include <optional>
#include <string>

#include "regress/snapshot.h"

namespace axsim::regress {

inline constexpr int kGoldenSchemaVersion = 1;

std::string golden_text(const std::string& case_name, const Snapshot& snapshot);
// InputError naming `file` when the text is not a golden of a known version.
Snapshot parse_golden(const std::string& text, const std::string& file);
// nullopt when the file does not exist.
std::optional<Snapshot> read_golden(const std::string& path);
// Atomic: written beside the target and renamed, so CI never sees half a golden.
void write_golden(const std::string& path, const std::string& case_name, const Snapshot& snapshot);

}  // namespace axsim::regress
