#!/usr/bin/env bash
# End-to-end: simulate ResNet-50, write its HTML report, render it in headless Chromium and
# check what a reader would see: the charts and the sortable table are in the DOM after the
# scripts ran, the console stayed clean, and a screenshot is left in the out dir to look at.
# Usage: check_report.sh <axsim binary> <source dir> <out dir>. Exit 77 (skip) without Chromium.
set -euo pipefail
axsim=$1
source_dir=$2
out_dir=$3

. "$(dirname "$0")/chromium_page.sh"
find_chromium "the report"

rm -rf "$out_dir"
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
cd "$source_dir"
"$axsim" run configs/systolic/tpu-v1.yaml workloads/traces/resnet50.json -o "$out_dir/run" -q
"$axsim" report "$out_dir/run/result.json" -o "$out_dir/report.html"

page=report.html
chromium_run --dump-dom >"$out_dir/dom.html" 2>"$out_dir/chromium.log"

probe_sort layer-table-0 4
chromium_run --screenshot="$out_dir/report.png" --window-size=1400,2000 \
  >/dev/null 2>"$out_dir/screenshot.log"

expect "layer latency chart" '<svg id="layer-chart-0"' "$out_dir/dom.html"
expect "roofline chart" '<svg id="roofline-0"' "$out_dir/dom.html"
expect "roof line" '<polyline class="roof"' "$out_dir/dom.html"
expect "energy chart" '<svg id="energy-chart-0"' "$out_dir/dom.html"
expect "bandwidth over time chart" '<svg id="bandwidth-chart-0"' "$out_dir/dom.html"
expect "sortable layer table" 'class="layers sortable" id="layer-table-0"' "$out_dir/dom.html"
expect "a ResNet-50 layer in the table" 'layer4.2.conv2' "$out_dir/dom.html"
expect "the summary" 'Where the time goes' "$out_dir/dom.html"
expect "clicking the latency header sorts the rows" 'data-sort-check="sorted"' "$out_dir/sort_dom.html"

finish_checks "$out_dir/report.png"
echo "report renders: $out_dir/report.html, screenshot $out_dir/report.png"
