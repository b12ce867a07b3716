#!/usr/bin/env bash
# Regenerates the checked-in traces under workloads/traces/ (or into the folder given) with the
# zoo. AXSIM names the axsim binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-workloads/traces}"
axsim="${AXSIM:-build/release/cli/axsim}"
mkdir -p "$out"

"$axsim" zoo resnet50 -o "$out/resnet50.json"
"$axsim" zoo mobilenet-v2 -o "$out/mobilenet-v2.json"
"$axsim" zoo ds-cnn -o "$out/ds-cnn.json"
"$axsim" zoo yolov5s -o "$out/yolov5s.json"
"$axsim" zoo bert-base -o "$out/bert-base.json"
"$axsim" zoo llama2-7b --phase decode --context 2048 -o "$out/llama2-7b-decode.json"
"$axsim" zoo llama2-7b --phase prefill --seq-len 2048 -o "$out/llama2-7b-prefill.json"
