// Opens the HTML reports in real headless Chromium (Debian's chromium, driven by playwright-core) from a
// file: URL, and checks what each uPlot chart holds and drew. SYSTEME_MOCK_SCREENSHOT=FILE also saves a
// screenshot of the fire report there (how docs/report-screenshot.png was made).
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireLoad } from '../../src/load/fire-load.js';
import { buildArtilleryReportModel, buildFireReportModel } from '../../src/report/build-report-model.js';
import type { ReportModel } from '../../src/report/build-report-model.js';
import { mergeFireReports } from '../../src/report/merge-fire-reports.js';
import { parseThreshold } from '../../src/load/parse-load-values.js';
import type { ArtilleryOutput } from '../../src/report/read-report-file.js';
import { writeHtmlReport } from '../../src/report/write-html-report.js';
import { startTestReceiver } from '../load/support/start-test-receiver.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTILLERY_OUTPUT = fileURLToPath(new URL('./fixtures/artillery-output.json', import.meta.url));
const COLORS = ['#2f6fdf', '#e0603a', '#1b9e77', '#a35bd6', '#c9a400', '#5b6475', '#d6336c', '#0c8599'];

let context: BrowserContext;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'html-report-'));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1120, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
});

interface Opened {
  errors: string[];
  requests: string[];
  charts: Record<string, { data: Array<Array<number | null>>; series: string[]; painted: boolean[]; width: number }>;
}

/** Opens a report from a file: URL and reads back every chart's data and whether each series' colour is on its canvas. */
async function open(file: string, screenshot?: string): Promise<Opened> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  // What the page itself logged; the readbacks below make Chromium warn about getImageData.
  const errorsAtLoad = [...errors];
  // Each series alone (the others hidden), then all again: its colour must be on the canvas, so a
  // series hidden under another one (planned = sent in a perfect run) still proves it was drawn.
  const charts = await page.evaluate(async (colors) => {
    type Plot = {
      data: Array<Array<number | null>>;
      series: Array<{ label: string }>;
      ctx: CanvasRenderingContext2D;
      width: number;
      setSeries(i: number, o: { show: boolean }): void;
    };
    const instances = (window as unknown as { systemeMockCharts: Record<string, Plot> }).systemeMockCharts;
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const hasColour = (u: Plot, hex: string): boolean => {
      const { width, height } = u.ctx.canvas;
      const pixels = u.ctx.getImageData(0, 0, width, height).data;
      const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      for (let p = 0; p < pixels.length; p += 4) {
        if (
          pixels[p + 3]! > 200 &&
          Math.abs(pixels[p]! - rgb[0]!) < 12 &&
          Math.abs(pixels[p + 1]! - rgb[1]!) < 12 &&
          Math.abs(pixels[p + 2]! - rgb[2]!) < 12
        )
          return true;
      }
      return false;
    };
    const result: Record<string, { data: Array<Array<number | null>>; series: string[]; painted: boolean[]; width: number }> = {};
    for (const [id, u] of Object.entries(instances)) {
      const count = u.series.length - 1;
      const painted: boolean[] = [];
      for (let k = 1; k <= count; k++) {
        for (let j = 1; j <= count; j++) u.setSeries(j, { show: j === k });
        await frame();
        painted.push(hasColour(u, colors[(k - 1) % colors.length]!));
      }
      for (let j = 1; j <= count; j++) u.setSeries(j, { show: true });
      await frame();
      result[id] = { data: u.data.map((d) => Array.from(d)), series: u.series.map((s) => s.label), painted, width: u.width };
    }
    return result;
  }, COLORS);
  if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return { errors: errorsAtLoad, requests, charts };
}

function expectChartsMatch(opened: Opened, model: ReportModel): void {
  const drawnCharts = model.charts.filter((c) => c.notRecorded === undefined);
  expect(Object.keys(opened.charts)).toEqual(drawnCharts.map((c) => c.id));
  for (const chart of drawnCharts) {
    const drawn = opened.charts[chart.id]!;
    expect(drawn.data[0], chart.id).toEqual(chart.xs);
    expect(drawn.data.slice(1), chart.id).toEqual(chart.series.map((s) => s.values));
    expect(drawn.series.slice(1), chart.id).toEqual(chart.series.map((s) => s.label));
    expect(chart.xs.length, chart.id).toBeGreaterThan(1);
    // A series with a value above zero left its colour on the canvas.
    chart.series.forEach((s, k) => {
      if (s.values.some((v) => v !== null && v > 0)) expect(drawn.painted[k], `${chart.id} / ${s.label} drawn`).toBe(true);
    });
  }
}

describe('the HTML report in headless Chromium', () => {
  it('a fire report (two runs merged) opens offline with no errors and every chart holds and draws its series', async () => {
    const receiver = await startTestReceiver({
      statusFor: (n) => (n % 40 === 0 ? 503 : 204),
      delayFor: (n) => (n % 97 === 0 ? 60 : n % 5),
    });
    try {
      const runs = await Promise.all(
        [1, 2].map((seed) =>
          fireLoad({
            triggers: ['SALE_NEW=80', 'SALE_CANCELED=20'],
            to: receiver.url,
            rate: '150/s',
            ramp: '2s',
            duration: '6s',
            seed,
            env: {},
            secret: 'k',
            timeout: '50ms',
          }),
        ),
      );
      const merged = mergeFireReports(
        runs.map((r) => r.report),
        { thresholds: ['p99<2s', 'errors<1%'].map(parseThreshold), files: ['a.json', 'b.json'] },
      );
      const file = join(dir, 'fire.html');
      writeHtmlReport(file, { kind: 'fire', report: merged });
      const screenshot = join(dir, 'fire.png');
      const opened = await open(file, screenshot);
      if (process.env['SYSTEME_MOCK_SCREENSHOT'] !== undefined) copyFileSync(screenshot, process.env['SYSTEME_MOCK_SCREENSHOT']);
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([pathToFileURL(file).href]);
      const model = buildFireReportModel(merged);
      expectChartsMatch(opened, model);
      // The planned series follows the schedule, twice (two runs): a 2 s ramp to 150/s puts requests
      // 0..37 (due before 1 s, where 37.5 are due) in second 0 and 38..149 in second 1.
      expect(opened.charts['rate']!.data[2]!.slice(0, 6)).toEqual([76, 224, 300, 300, 300, 300]);
      expect(opened.charts['rate']!.data[1]!.reduce((a, b) => a! + b!, 0)).toBe(merged.counts.sent);
      // Percentiles over time, both latencies: the drawn data is the merged report's per-second fields.
      for (const [id, key] of [
        ['latency-over-time', 'latency'],
        ['actual-latency-over-time', 'actualLatency'],
      ] as const) {
        expect(opened.charts[id]!.series.slice(1)).toEqual(['p50', 'p90', 'p99', 'max']);
        for (const [k, stat] of (['p50', 'p90', 'p99', 'max'] as const).entries()) {
          expect(opened.charts[id]!.data[k + 1], `${id} ${stat}`).toEqual(merged.timeline.map((s) => s[key]?.[stat] ?? null));
        }
      }
      // Statuses and error kinds over time: one series each, adding up to the run's counts.
      const status = opened.charts['status-over-time']!;
      const expectedLabels = [...Object.keys(merged.statusCounts).map((c) => `HTTP ${c}`), ...Object.keys(merged.errorCounts)];
      expect(status.series.slice(1)).toEqual(expectedLabels);
      expect(expectedLabels).toContain('HTTP 503');
      const totals = status.data.slice(1).map((values) => values.reduce((a, b) => a! + b!, 0));
      expect(totals).toEqual([...Object.values(merged.statusCounts), ...Object.values(merged.errorCounts)]);
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('<td class="pass">PASS</td><th>p99&lt;2s</th>');
      expect(html).toContain('<td class="fail">FAIL</td><th>errors&lt;1%</th>');
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
      expect(html).toContain('<tr><th>seed</th><td>1,2</td></tr>');
      expect(html).toContain('<tr><th>mix</th><td>SALE_NEW=80, SALE_CANCELED=20</td></tr>');
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('an older fire report (no per-second histograms or counts) still renders, its missing charts saying "not recorded"', async () => {
    const receiver = await startTestReceiver();
    try {
      const { report } = await fireLoad({
        triggers: ['SALE_NEW'],
        to: receiver.url,
        rate: '100/s',
        duration: '2s',
        seed: 1,
        env: {},
        secret: 'k',
      });
      const old = {
        ...report,
        timeline: report.timeline.map(({ latency: _l, actualLatency: _a, histograms: _h, statusCounts: _s, errorCounts: _e, ...s }) => s),
      };
      const file = join(dir, 'old.html');
      writeHtmlReport(file, { kind: 'fire', report: old });
      const opened = await open(file);
      expect(opened.errors).toEqual([]);
      const model = buildFireReportModel(old);
      expectChartsMatch(opened, model);
      expect(Object.keys(opened.charts)).toEqual(['rate', 'latency-over-time', 'latency-distribution', 'outcomes']);
      expect(opened.charts['latency-over-time']!.series.slice(1)).toEqual(['mean', 'max']);
      const html = readFileSync(file, 'utf8');
      expect(html.match(/<p class="not-recorded">Not recorded: /g)).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it("Artillery's output (a real run with the processor) renders its periods, percentiles, codes and trigger counters", async () => {
    const output = JSON.parse(readFileSync(ARTILLERY_OUTPUT, 'utf8')) as ArtilleryOutput;
    const file = join(dir, 'artillery.html');
    writeHtmlReport(file, { kind: 'artillery', output });
    const opened = await open(file);
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([pathToFileURL(file).href]);
    const model = buildArtilleryReportModel(output);
    expectChartsMatch(opened, model);
    expect(opened.charts['triggers']!.series.slice(1)).toEqual(['SALE_CANCELED', 'SALE_NEW']);
    const sent = (name: string): number =>
      (opened.charts['triggers']!.data[name === 'SALE_CANCELED' ? 1 : 2] as number[]).reduce((a, b) => a + b, 0);
    expect(sent('SALE_NEW')).toBe(output.aggregate.counters['systeme_mock.sent.SALE_NEW']);
    expect(sent('SALE_CANCELED')).toBe(output.aggregate.counters['systeme_mock.sent.SALE_CANCELED']);
  }, 60_000);
});
