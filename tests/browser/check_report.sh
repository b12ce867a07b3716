#!/usr/bin/env bash
# End-to-end: simulate ResNet-50, write its HTML report, render it in headless Chromium and
# check what a reader would see: the charts and the sortable table are in the DOM after the
# scripts ran, the console stayed clean, and a screenshot is left in the out dir to look at.
# Usage: check_report.sh <axsim binary> <source dir> <out dir>. Exit 77 (skip) without Chromium.
set -euo pipefail
axsim=$1
source_dir=$2
out_dir=$3

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP: no chromium on PATH (apt-get install chromium); the report was not rendered"
  exit 77
fi

rm -rf "$out_dir"
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
cd "$source_dir"
"$axsim" run configs/systolic/tpu-v1.yaml workloads/traces/resnet50.json -o "$out_dir/run" -q
"$axsim" report "$out_dir/run/result.json" -o "$out_dir/report.html"

# Every run gets a fresh profile; the networking flags stop Chromium from calling home.
chromium_run() {
  local profile
  profile=$(mktemp -d "$out_dir/profile.XXXXXX")
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" "file://$out_dir/${chromium_page:-report.html}"
}

chromium_run --dump-dom >"$out_dir/dom.html" 2>"$out_dir/chromium.log"

# Sorting: a copy of the page clicks the latency header and records whether the rows came out
# largest first by their exact data-v values. (A script after </html> still runs, in <body>.)
{
  cat "$out_dir/report.html"
  cat <<'PROBE'
<script>
var table = document.getElementById('layer-table-0');
table.querySelectorAll('thead th')[4].click();
var values = Array.prototype.map.call(table.tBodies[0].rows,
    function (r) { return parseFloat(r.cells[4].dataset.v); });
var sorted = values.length > 1 && values.every(function (v, i) { return i === 0 || values[i - 1] >= v; });
document.body.setAttribute('data-sort-check', sorted ? 'sorted' : 'unsorted');
</script>
PROBE
} >"$out_dir/sort_probe.html"
chromium_page=sort_probe.html chromium_run --dump-dom >"$out_dir/sort_dom.html" 2>"$out_dir/sort.log"
chromium_run --screenshot="$out_dir/report.png" --window-size=1400,2000 \
  >/dev/null 2>"$out_dir/screenshot.log"

failures=0
expect() {  # expect <description> <fixed string> <file>
  if ! grep -qF -- "$2" "$3"; then
    echo "FAIL: $1: '$2' not found in $3"
    failures=$((failures + 1))
  fi
}
expect "layer latency chart" '<svg id="layer-chart-0"' "$out_dir/dom.html"
expect "roofline chart" '<svg id="roofline-0"' "$out_dir/dom.html"
expect "roof line" '<polyline class="roof"' "$out_dir/dom.html"
expect "energy chart" '<svg id="energy-chart-0"' "$out_dir/dom.html"
expect "sortable layer table" 'class="layers sortable" id="layer-table-0"' "$out_dir/dom.html"
expect "a ResNet-50 layer in the table" 'layer4.2.conv2' "$out_dir/dom.html"
expect "the summary" 'Where the time goes' "$out_dir/dom.html"
expect "clicking the latency header sorts the rows" 'data-sort-check="sorted"' "$out_dir/sort_dom.html"

if grep -E 'Uncaught|CONSOLE' "$out_dir/chromium.log" "$out_dir/screenshot.log" "$out_dir/sort.log"; then
  echo "FAIL: the page logged console messages or errors (above)"
  failures=$((failures + 1))
fi
if [ ! -s "$out_dir/report.png" ]; then
  echo "FAIL: no screenshot at $out_dir/report.png"
  failures=$((failures + 1))
fi
rm -rf "$out_dir"/profile.*

[ "$failures" -eq 0 ] || exit 1
echo "report renders: $out_dir/report.html, screenshot $out_dir/report.png"
