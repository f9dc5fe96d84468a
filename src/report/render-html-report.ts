import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ReportModel } from './build-report-model.js';

const require = createRequire(import.meta.url);

/** uPlot's browser build and stylesheet, read from the installed package so the report needs no network. */
function readUplot(): { js: string; css: string } {
  return {
    js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** JSON safe inside a <script> element: no "</script", no "<!--". */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const rows = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  pairs.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1080px; color: #1d2330; padding: 0 16px; }
h1 { font-size: 22px; margin: 0; } h2 { font-size: 16px; margin: 28px 0 6px; }
.sub { color: #5b6475; margin: 4px 0 16px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; }
.figure { background: #f3f5f9; border-radius: 6px; padding: 8px 10px; } .figure b { display: block; font-size: 15px; }
.figure span { color: #5b6475; font-size: 12px; }
table { border-collapse: collapse; margin: 4px 0; } th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
th { font-weight: 600; color: #39414f; } .pass { color: #13795b; font-weight: 700; } .fail { color: #b3261e; font-weight: 700; }
.not-recorded { color: #8a5a00; background: #fff6e0; border-radius: 6px; padding: 8px 10px; }
.note { color: #5b6475; font-size: 12px; margin: 0 0 6px; max-width: 900px; }
.tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 0 24px; }
.tables th { overflow-wrap: anywhere; }
footer { color: #8a93a3; font-size: 12px; margin-top: 32px; }
`;

// Runs in the page: draws each chart with uPlot and leaves the instances on window.systemeMockCharts so
// a test (or a curious reader in the console) can check what was drawn.
const CLIENT = `
(function () {
  var model = JSON.parse(document.getElementById('report-data').textContent);
  var colors = ['#2f6fdf', '#e0603a', '#1b9e77', '#a35bd6', '#c9a400', '#5b6475', '#d6336c', '#0c8599'];
  var charts = {};
  // x is 1 / (1 - p): 1 is 0%, 10 is 90%, 100 is 99%, 1000 is 99.9%, as HdrHistogram's plotter labels it.
  function pctLabel(x) {
    // uPlot passes null for a tick it has no room to label.
    if (x == null) return '';
    var p = 100 * (1 - 1 / x);
    var digits = Math.max(0, Math.ceil(Math.log10(x)) - 2);
    return p.toFixed(digits) + '%';
  }
  function pctSplits(u, axisIdx, min, max) {
    var splits = [1, 2, 4];
    for (var v = 10; v <= max * 1.0001; v *= 10) splits.push(v);
    return splits.filter(function (v) { return v >= min && v <= max * 1.0001; });
  }
  model.charts.forEach(function (chart) {
    if (chart.notRecorded) return;
    var el = document.getElementById('chart-' + chart.id);
    var width = Math.max(320, Math.min(1040, el.clientWidth || 1040));
    var percentile = chart.x === 'percentile';
    var opts = {
      width: width,
      height: 280,
      scales: { x: percentile ? { time: false, distr: 3, log: 10, range: function (u, min, max) { return [1, Math.max(10, max)]; } } : { time: true } },
      axes: [
        percentile ? { splits: pctSplits, values: function (u, splits) { return splits.map(pctLabel); } } : {},
        { label: chart.yLabel, size: 60 }
      ],
      series: [{ label: percentile ? 'percentile' : 'time', value: percentile ? function (u, v) { return v == null ? '' : pctLabel(v); } : undefined }].concat(
        chart.series.map(function (s, k) {
          return { label: s.label, stroke: colors[k % colors.length], width: 2, dash: s.dashed ? [8, 5] : undefined, spanGaps: false, points: { show: chart.xs.length < 40 } };
        })
      )
    };
    var data = [chart.xs].concat(chart.series.map(function (s) { return s.values; }));
    charts[chart.id] = new uPlot(opts, data, el);
  });
  window.systemeMockCharts = charts;
})();
`;

/**
 * One self-contained HTML file: uPlot's script and stylesheet inlined, the data as JSON, no request
 * to anywhere when it opens.
 * @example writeFileSync('report.html', renderHtmlReport(buildFireReportModel(report)));
 */
export function renderHtmlReport(model: ReportModel): string {
  const uplot = readUplot();
  const thresholds =
    model.thresholds.length === 0
      ? '<p class="note">No thresholds were given.</p>'
      : `<table>${model.thresholds
          .map(
            (t) =>
              `<tr><td class="${t.passed ? 'pass' : 'fail'}">${t.passed ? 'PASS' : 'FAIL'}</td><th>${escapeHtml(t.expression)}</th><td>actual ${escapeHtml(t.actual)}</td></tr>`,
          )
          .join('')}</table>`;
  const charts = model.charts
    .map((c) =>
      c.notRecorded === undefined
        ? `<section><h2>${escapeHtml(c.title)}</h2><p class="note">${escapeHtml(c.note)}</p><div class="chart" id="chart-${escapeHtml(c.id)}"></div></section>`
        : `<section><h2>${escapeHtml(c.title)}</h2><p class="not-recorded">${escapeHtml(c.notRecorded)}</p></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(model.title)}</title>
<style>${uplot.css}</style>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(model.title)}</h1>
<p class="sub">${escapeHtml(model.subtitle)}</p>
<div class="figures">${model.figures.map(([k, v]) => `<div class="figure"><span>${escapeHtml(k)}</span><b>${escapeHtml(v)}</b></div>`).join('')}</div>
<h2>Thresholds</h2>
${thresholds}
${charts}
<div class="tables">${model.tables.map((t) => `<section><h2>${escapeHtml(t.title)}</h2><table>${rows(t.rows)}</table></section>`).join('')}</div>
<h2>Settings</h2>
<table>${rows(model.settings)}</table>
<footer>Written by systeme-mock. Charts: uPlot (MIT), inlined.</footer>
<script id="report-data" type="application/json">${scriptJson(model)}</script>
<script>${uplot.js.replace(/<\/script/gi, '<\\/script')}</script>
<script>${CLIENT}</script>
</body>
</html>
`;
}
