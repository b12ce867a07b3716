#!/usr/bin/env bash
# End-to-end: keyword spotting on the WTM2101-class CIM chip and ResNet-50 on Hailo-15H, one
# report for both, rendered in headless Chromium: the CIM power-state chart and residency /
# accuracy tables, the dataflow pipeline chart and compiler plan are in the DOM after the
# scripts ran, the console stayed clean, and a screenshot is left in the out dir.
# Usage: check_kind_report.sh <axsim binary> <source dir> <out dir>. Exit 77 (skip) without
# Chromium.
set -euo pipefail
axsim=$1
source_dir=$2
out_dir=$3

. "$(dirname "$0")/chromium_page.sh"
find_chromium "the CIM and dataflow report"

rm -rf "$out_dir"
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
cd "$source_dir"
"$axsim" run configs/cim/wtm2101.yaml workloads/traces/ds-cnn.json -o "$out_dir/cim" -q
"$axsim" run configs/dataflow/hailo15h.yaml workloads/traces/resnet50.json -o "$out_dir/vpu" -q
"$axsim" report "$out_dir/cim/result.json" "$out_dir/vpu/result.json" -o "$out_dir/report.html"

page=report.html
chromium_run --dump-dom >"$out_dir/dom.html" 2>"$out_dir/chromium.log"
probe_sort cim-accuracy-0 1
chromium_run --screenshot="$out_dir/report.png" --window-size=1400,4000 \
  >/dev/null 2>"$out_dir/screenshot.log"

expect "CIM power-state chart" '<svg id="cim-power-0"' "$out_dir/dom.html"
expect "average current line" 'average' "$out_dir/dom.html"
expect "CIM ADC accuracy table" 'id="cim-accuracy-0"' "$out_dir/dom.html"
expect "a DS-CNN layer in the accuracy table" 'ds1.pw' "$out_dir/dom.html"
expect "dataflow pipeline chart" '<svg id="dataflow-pipeline-1"' "$out_dir/dom.html"
expect "compiler plan" 'id="dataflow-plan-1"' "$out_dir/dom.html"
expect "a ResNet-50 stage in the plan" 'layer4.2.conv2' "$out_dir/dom.html"
expect "clicking the SQNR header sorts the layers" 'data-sort-check="sorted"' "$out_dir/sort_dom.html"

finish_checks "$out_dir/report.png"
echo "report renders: $out_dir/report.html, screenshot $out_dir/report.png"
