# Shared by the browser tests (sourced): find Chromium, render a page, probe its sort, and
# collect expectations. The caller sets out_dir (absolute) and page (a file in out_dir).

# Sets `browser`, or exits 77 (ctest's skip) saying what was not rendered.
find_chromium() {  # find_chromium <what would have been rendered>
  browser=""
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
  done
  if [ -z "$browser" ]; then
    echo "SKIP: no chromium on PATH (apt-get install chromium); $1 was not rendered"
    exit 77
  fi
}

# Every run gets a fresh profile; the networking flags stop Chromium from calling home.
chromium_run() {  # chromium_run <chromium flags...>; renders ${chromium_page:-$page}
  local profile
  profile=$(mktemp -d "$out_dir/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" "file://$out_dir/${chromium_page:-$page}"
}

# A copy of the page clicks one column header of a sortable table and records whether the
# rows came out largest first by their exact data-v values (a script after </html> still
# runs, in <body>); the rendered DOM lands in sort_dom.html.
probe_sort() {  # probe_sort <table id> <column index>
  {
    cat "$out_dir/$page"
    cat <<PROBE
<script>
var table = document.getElementById('$1');
table.querySelectorAll('thead th')[$2].click();
var values = Array.prototype.map.call(table.tBodies[0].rows,
    function (r) { return parseFloat(r.cells[$2].dataset.v); });
var sorted = values.length > 1 && values.every(function (v, i) { return i === 0 || values[i - 1] >= v; });
document.body.setAttribute('data-sort-check', sorted ? 'sorted' : 'unsorted');
</script>
PROBE
  } >"$out_dir/sort_probe.html"
  chromium_page=sort_probe.html chromium_run --dump-dom >"$out_dir/sort_dom.html" 2>"$out_dir/sort.log"
}

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

# The console stayed clean in every render, and the screenshot exists; then the verdict.
finish_checks() {  # finish_checks <screenshot file>
  if grep -E 'Uncaught|CONSOLE' "$out_dir/chromium.log" "$out_dir/screenshot.log" "$out_dir/sort.log"; then
    echo "FAIL: the page logged console messages or errors (above)"
    failures=$((failures + 1))
  fi
  if [ ! -s "$1" ]; then
    echo "FAIL: no screenshot at $1"
    failures=$((failures + 1))
  fi
  rm -rf "$out_dir"/profile.*
  [ "$failures" -eq 0 ] || exit 1
}
