// Reading a memory preset (docs/memory.md): a YAML file, or a `memory:` entry of a larger
// config that names a preset (a path) or refines one (a map with `base:` and overrides).
// Every problem is a core::InputError naming file, line and key.
#pragma once

#include <string>
#include <vector>

#include "models/core/config.h"
#include "models/mem/dram/dram_spec.h"

namespace axsim::mem {

// Reads and validates every key of a memory map, then rejects keys nobody read.
DramSpec load_dram_spec(const core::Section& section);

// A memory preset file with `base:`/`include:` composition and `--set`-style overrides.
DramSpec load_memory_config(const std::string& path,
                            const std::vector<std::string>& overrides = {});

// A `memory:` value inside another config: either the path of a preset (relative to the
// file that names it; relative to the working directory when set with --set), or a map whose
// `base:` names the preset and whose other keys are merged over it (maps key by key, other
// values replace). The result's key paths start at `node.path()`, and every value keeps the
// file position it was written at.
core::ConfigNode resolve_memory_node(const core::ConfigNode& node);

// resolve_memory_node + load_dram_spec.
DramSpec load_memory_node(const core::ConfigNode& node);

}  // namespace axsim::mem
