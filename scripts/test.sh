#!/usr/bin/env bash
# The test suite: installs what is missing, builds with the ci preset (warnings are errors)
# and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci -j"$(nproc)"
