#!/usr/bin/env bash
# The demo: installs what is missing, builds axsim (release), simulates the default networks
# on the default configs (TPU v1, H100, H200, the WTM2101-class CIM chip, Hailo-8 and
# Hailo-15H), prints their summary tables, runs two small sweeps (TPU array shape x DRAM
# bandwidth; CIM ADC bits x columns per ADC), and writes out/demo/ (results, an HTML report
# and the sweep pages).
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
# Keyword spotting on a compute-in-memory chip: latency, energy and the average current at the
# wake-word rate, the figure a hearing-aid designer needs.
"$axsim" run configs/cim/wtm2101.yaml workloads/traces/ds-cnn.json -o out/demo/wtm2101-ds-cnn --top 3
# ResNet-50 at batch 8 on two dataflow chips: Hailo-8 holds it in one context (batch 1 runs as
# fast as batch 8); Hailo-15H cuts it into contexts, and batching amortises the switches.
"$axsim" zoo resnet50 --batch 8 -o out/demo/resnet50-b8.json
for vpu in hailo8 hailo15h; do
  "$axsim" run configs/dataflow/$vpu.yaml out/demo/resnet50-b8.json -o out/demo/$vpu-resnet50 --top 3
done
"$axsim" report out/demo/result.json out/demo/llama2-7b-decode/result.json \
  out/demo/h100-sxm-llama2-7b-decode/result.json out/demo/h200-sxm-llama2-7b-decode/result.json \
  out/demo/wtm2101-ds-cnn/result.json out/demo/hailo8-resnet50/result.json \
  out/demo/hailo15h-resnet50/result.json -o out/demo/report.html
# A small design-space sweep (array shape x DRAM bandwidth) and its Pareto page.
"$axsim" sweep configs/sweeps/demo.yaml -o out/demo/sweep
"$axsim" report out/demo/sweep/results.jsonl -o out/demo/sweep.html --x latency_s --y peak_ops_per_s
# The CIM trade-off: ADC resolution buys accuracy with energy and time.
"$axsim" sweep configs/sweeps/cim-adc.yaml -o out/demo/cim-adc
"$axsim" report out/demo/cim-adc/results.jsonl -o out/demo/cim-adc.html --x energy_j --y min_sqnr_db
echo "demo results: out/demo/*/result.json"
echo "demo report:  out/demo/report.html; sweeps: out/demo/sweep.html, out/demo/cim-adc.html (open them in a browser)"
