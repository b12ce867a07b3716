#!/usr/bin/env bash
# End-to-end: run a small sweep over two workloads (some points fail on purpose), write its
# page with `axsim report results.jsonl`, render it in headless Chromium and check what a
# reader would see: one scatter per workload with every finished point drawn and the Pareto
# front drawn as a step line, the points table sorting on a click, the failed points listed,
# a clean console, and a screenshot left in the out dir to look at.
# Usage: check_sweep_report.sh <axsim binary> <source dir> <out dir>. Exit 77 (skip) without
# Chromium.
set -euo pipefail
axsim=$1
source_dir=$2
out_dir=$3

. "$(dirname "$0")/chromium_page.sh"
find_chromium "the sweep page"

rm -rf "$out_dir"
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
cat >"$out_dir/sweep.yaml" <<EOF
name: browser-sweep
configs: [$source_dir/configs/systolic/tpu-v1.yaml]
workloads: [$source_dir/workloads/traces/ds-cnn.json, $source_dir/workloads/traces/mobilenet-v2.json]
axes:
  systolic.array.rows: [32, 128, 256]
  systolic.dram.bandwidth: ['8 GB/s', '34 GB/s', '34 GHz']
EOF
# 18 points, 6 of them with a bandwidth in GHz: the sweep reports them and exits 1.
sweep_status=0
timeout 600 "$axsim" sweep "$out_dir/sweep.yaml" -j 2 -o "$out_dir/sweep" >"$out_dir/sweep.log" 2>&1 ||
  sweep_status=$?
if [ "$sweep_status" -ne 1 ]; then
  echo "FAIL: the sweep exited with $sweep_status, expected 1 (6 failing points)"
  cat "$out_dir/sweep.log"
  exit 1
fi
"$axsim" report "$out_dir/sweep/results.jsonl" -o "$out_dir/sweep.html"

page=sweep.html
chromium_run --dump-dom >"$out_dir/dom.html" 2>"$out_dir/chromium.log"

# The first workload's latency column (after #, rows and bandwidth).
probe_sort points-0 3
chromium_run --screenshot="$out_dir/sweep.png" --window-size=1400,2400 \
  >/dev/null 2>"$out_dir/screenshot.log"

expect "DS-CNN scatter" '<svg id="scatter-0"' "$out_dir/dom.html"
expect "MobileNet-v2 scatter" '<svg id="scatter-1"' "$out_dir/dom.html"
expect_count "a front line per scatter" '<polyline class="front-line"' "$out_dir/dom.html" 2
expect_count "every finished point drawn" '<circle class="' "$out_dir/dom.html" 12
expect "points on the front" '<circle class="pareto"' "$out_dir/dom.html"
expect "the front's legend" 'Pareto front of these two' "$out_dir/dom.html"
expect "sortable points table" 'class="layers sortable" id="points-0"' "$out_dir/dom.html"
expect "the failed points" 'id="failed"' "$out_dir/dom.html"
expect "a failed point's error" 'unknown unit' "$out_dir/dom.html"
expect "clicking the latency header sorts the rows" 'data-sort-check="sorted"' "$out_dir/sort_dom.html"

finish_checks "$out_dir/sweep.png"
echo "sweep page renders: $out_dir/sweep.html, screenshot $out_dir/sweep.png"
