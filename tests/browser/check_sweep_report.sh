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

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP: no chromium on PATH (apt-get install chromium); the sweep page was not rendered"
  exit 77
fi

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

# Every run gets a fresh profile; the networking flags stop Chromium from calling home.
chromium_run() {
  local profile
  profile=$(mktemp -d "$out_dir/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" "file://$out_dir/${chromium_page:-sweep.html}"
}

chromium_run --dump-dom >"$out_dir/dom.html" 2>"$out_dir/chromium.log"

# Sorting: a copy of the page clicks the first workload's latency header (after #, rows and
# bandwidth) and records whether the rows came out largest first by their data-v values.
{
  cat "$out_dir/sweep.html"
  cat <<'PROBE'
<script>
var table = document.getElementById('points-0');
table.querySelectorAll('thead th')[3].click();
var values = Array.prototype.map.call(table.tBodies[0].rows,
    function (r) { return parseFloat(r.cells[3].dataset.v); });
var sorted = values.length > 1 && values.every(function (v, i) { return i === 0 || values[i - 1] >= v; });
document.body.setAttribute('data-sort-check', sorted ? 'sorted' : 'unsorted');
</script>
PROBE
} >"$out_dir/sort_probe.html"
chromium_page=sort_probe.html chromium_run --dump-dom >"$out_dir/sort_dom.html" 2>"$out_dir/sort.log"
chromium_run --screenshot="$out_dir/sweep.png" --window-size=1400,2400 \
  >/dev/null 2>"$out_dir/screenshot.log"

failures=0
expect() {  # expect <description> <fixed string> <file>
  if ! grep -qF -- "$2" "$3"; then
    echo "FAIL: $1: '$2' not found in $3"
    failures=$((failures + 1))
  fi
}
expect_count() {  # expect_count <description> <fixed string> <file> <count>
  local found
  found=$(grep -oF -- "$2" "$3" | wc -l)
  if [ "$found" -ne "$4" ]; then
    echo "FAIL: $1: '$2' found $found times in $3, expected $4"
    failures=$((failures + 1))
  fi
}
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

if grep -E 'Uncaught|CONSOLE' "$out_dir/chromium.log" "$out_dir/screenshot.log" "$out_dir/sort.log"; then
  echo "FAIL: the page logged console messages or errors (above)"
  failures=$((failures + 1))
fi
if [ ! -s "$out_dir/sweep.png" ]; then
  echo "FAIL: no screenshot at $out_dir/sweep.png"
  failures=$((failures + 1))
fi
rm -rf "$out_dir"/profile.*

[ "$failures" -eq 0 ] || exit 1
echo "sweep page renders: $out_dir/sweep.html, screenshot $out_dir/sweep.png"
