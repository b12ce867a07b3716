#include "reports/report_style.h"

namespace axsim::reports {

const std::string& report_css() {
  static const std::string css = R"CSS(
:root { --ink: #1f2328; --dim: #667080; --rule: #d8dde3; --band: #f4f6f8;
  --compute: #3f6fb5; --memory: #e07b2e; --other: #a3a8b0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; font-weight: 650; }
h2 { font-size: 18px; margin: 36px 0 10px; padding-top: 14px; border-top: 1px solid var(--rule);
  font-weight: 620; }
h3 { font-size: 15px; margin: 26px 0 6px; font-weight: 620; }
p.note { color: var(--dim); margin: 4px 0 10px; max-width: 900px; }
.meta { color: var(--dim); font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 22px;
  margin-bottom: 10px; }
.meta b { color: var(--ink); font-weight: 550; }
code { font: 12.5px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.takeaway { background: var(--band); border-left: 4px solid var(--compute); padding: 10px 18px;
  margin: 14px 0 8px; border-radius: 3px; max-width: 1000px; }
.takeaway p { margin: 6px 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 12px; text-align: left; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; }
table.headline th { color: var(--dim); font-weight: 500; width: 250px; }
table.comparison td { text-align: right; }
table.comparison thead th { text-align: right; max-width: 260px; white-space: normal; }
table.comparison a { color: inherit; }
.dim { color: var(--dim); }
.c-compute { color: var(--compute); font-weight: 600; }
.c-memory { color: var(--memory); font-weight: 600; }
.c-other { color: #7d838c; font-weight: 600; }
.chart { overflow-x: auto; margin: 6px 0 4px; }
.charts-row { display: flex; flex-wrap: wrap; gap: 12px 40px; align-items: flex-start; }
.charts-row > div { max-width: 640px; }
.scroll { max-height: 560px; overflow: auto; border: 1px solid var(--rule); border-radius: 3px; }
table.layers { font-size: 12.5px; width: 100%; }
table.layers thead th { position: sticky; top: 0; background: #fff; cursor: pointer;
  user-select: none; }
table.layers thead th:hover { color: var(--compute); }
table.layers th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
table.layers th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
table.layers tbody tr:nth-child(even) { background: #fafbfc; }
table.layers td:nth-child(2) { font-family: ui-monospace, Menlo, Consolas, monospace; }
svg { font-family: inherit; display: block; }
svg .tick { font-size: 11px; fill: var(--dim); }
svg .legend, svg .bar-label, svg .value { font-size: 12px; fill: var(--ink); }
svg .axis-label { font-size: 12px; fill: var(--dim); }
svg .roof-label { font-size: 12px; fill: var(--ink); font-weight: 600; }
svg .grid { stroke: #e8ebef; stroke-width: 1; }
svg .axis { stroke: var(--ink); stroke-width: 1; }
svg .frame { fill: none; stroke: var(--rule); }
svg .roof { fill: none; stroke: var(--ink); stroke-width: 2; }
svg .ridge { stroke: var(--dim); stroke-width: 1; stroke-dasharray: 4 3; }
svg .peak-line { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .average-line { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 2 3; }
svg .compute { fill: var(--compute); }
svg .memory { fill: var(--memory); }
svg .other { fill: var(--other); }
svg .hit { fill: transparent; }
svg .bars g:hover .hit { fill: rgba(0, 0, 0, 0.06); }
svg .points circle { fill-opacity: 0.78; stroke: #fff; stroke-width: 0.8; }
footer { margin-top: 48px; color: var(--dim); font-size: 12px; }
)CSS";
  return css;
}

// Only pages with a kind-specific section carry these rules, so every other page keeps the
// bytes it had before those sections existed.
const std::string& kind_section_css() {
  static const std::string css = R"CSS(
.verdict-ok { color: #2e7d32; font-weight: 600; }
.verdict-bad { color: #c62828; font-weight: 600; }
p.details-error { color: #c62828; }
table.headline tr.memory-wall th, table.headline tr.memory-wall td { background: #fdf0e6;
  color: #9a4a12; font-weight: 600; }
.scroll.fit { display: inline-block; max-width: 100%; }
table.accuracy, table.plan { width: auto; }
table.accuracy td:nth-child(1) { font-family: ui-monospace, Menlo, Consolas, monospace; }
table.accuracy td:nth-child(2), table.plan td:nth-child(2) { font-family: inherit; }
table.plan tr.context-row th { background: var(--band); font-weight: 600; }
table.plan td:nth-child(1) { font-family: ui-monospace, Menlo, Consolas, monospace; }
svg .average { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .period { stroke: var(--dim); stroke-width: 1; stroke-dasharray: 3 3; }
svg .context-boundary { stroke: var(--dim); stroke-width: 1; stroke-dasharray: 5 3; }
svg .bottleneck-band { fill: #fff3cd; }
svg .bottleneck .bar-label { font-weight: 700; }
svg .span { stroke: var(--ink); stroke-width: 1; }
svg .busy { fill: var(--compute); }
svg .stall-in { fill: var(--memory); }
svg .stall-out { fill: #f2b582; }
)CSS";
  return css;
}

// Click a header to sort by it (numbers largest first, text A to Z); click again to reverse. Numeric columns sort on the exact
// value kept in data-v, not on the formatted text ("1.2 ms" > "950 us").
const std::string& report_script() {
  static const std::string script = R"JS(
document.querySelectorAll('table.sortable').forEach(function (table) {
  var headers = table.querySelectorAll('thead th');
  headers.forEach(function (th, column) {
    th.addEventListener('click', function () {
      var numeric = th.dataset.type === 'num';
      var current = th.getAttribute('aria-sort');
      var ascending = current ? current !== 'ascending' : !numeric;
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.v, y = b.cells[column].dataset.v;
        var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
)JS";
  return script;
}

}  // namespace axsim::reports
