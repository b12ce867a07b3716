#!/usr/bin/env bash
# The demo: installs what is missing, builds axsim (release), simulates the default networks
# on the default configs (TPU v1, H100, H200), prints their summary tables, sweeps array shape
# and DRAM bandwidth, and writes out/demo/ (results, an HTML report and a sweep page).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
axsim=build/release/cli/axsim

# ResNet-50 on a TPU-v1-like systolic accelerator: the headline run.
"$axsim" run configs/systolic/tpu-v1.yaml workloads/traces/resnet50.json -o out/demo
# The memory wall: one decode step of Llama-2-7B streams every weight for one token.
"$axsim" run configs/systolic/tpu-v1.yaml workloads/traces/llama2-7b-decode.json \
  -o out/demo/llama2-7b-decode --top 4
# The same decode step on HBM GPUs: H200's extra bandwidth shows up almost one to one.
for gpu in h100-sxm h200-sxm; do
  "$axsim" run configs/gpu/$gpu.yaml workloads/traces/llama2-7b-decode.json \
    -o out/demo/$gpu-llama2-7b-decode --top 4
done
"$axsim" report out/demo/result.json out/demo/llama2-7b-decode/result.json \
  out/demo/h100-sxm-llama2-7b-decode/result.json out/demo/h200-sxm-llama2-7b-decode/result.json \
  -o out/demo/report.html
# A small design-space sweep (array shape x DRAM bandwidth) and its Pareto page.
"$axsim" sweep configs/sweeps/demo.yaml -o out/demo/sweep
"$axsim" report out/demo/sweep/results.jsonl -o out/demo/sweep.html --x latency_s --y peak_ops_per_s
echo "demo results: out/demo/result.json, out/demo/{,h100-sxm-,h200-sxm-}llama2-7b-decode/result.json"
echo "demo report:  out/demo/report.html, sweep: out/demo/sweep.html (open them in a browser)"
