/**
 * The real panel in headless Chromium: the built extension loaded, DevTools open, the panel
 * selected, demo scenarios run in the inspected page, and what the panel shows asserted.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, showPanel, sleep, type ChromiumPanel } from './devtools-chromium.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { runScenario } from './scenario-view.ts';
import { assertAfterEnd, assertClean, assertLostSession, assertOrphanAd } from './panel-assertions.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'test-output');
let collector: Collector;
let p: ChromiumPanel;

before(async () => {
  mkdirSync(out, { recursive: true });
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  p = await openPanelInChromium(join(root, 'dist', 'chrome'), `http://localhost:${collector.port}/`);
});
after(async () => {
  await p?.close();
  await collector?.close();
});

/** Runs a scenario in the inspected page, then waits until the panel shows its requests. */
const scenario = (name: string, minRows: number): Promise<PanelView> => runScenario({
  collector,
  clear: () => p.panel.click('[data-testid=clear]'),
  load: async (url) => {
    await p.page.goto(url);
    await p.page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
  },
  read: async () => (await p.panel.evaluate(READ_PANEL)) as PanelView,
}, name, minRows);

test('before any traffic the panel explains why it is empty', async () => {
  await p.panel.click('[data-testid=clear]');
  const view = (await p.panel.evaluate(READ_PANEL)) as PanelView;
  assert.equal(view.empty, true);
  assert.match(view.emptyText, /No Media Collection call captured yet/);
});

test('clean scenario: one session, its events in ts order, no error or warning', async () => {
  assertClean(await scenario('clean', 48));
});

test('orphan-ad scenario: ad.orphan-start at the adStart, visible on the timeline', async () => {
  const view = await scenario('orphan-ad', 16);
  assertOrphanAd(view);
  const marks = await p.panel.$$eval('[data-testid=timeline] circle.fmark.error', (c) => c.map((e) => e.getAttribute('data-code')));
  assert.ok(marks.some((m) => m?.includes('ad.orphan-start')), `timeline marks: ${marks.join()}`);
  const orphan = view.rows.find((r) => r.codes.includes('ad.orphan-start'));
  await p.panel.click(`[data-testid=request-row][data-exchange="${orphan?.exchange}"]`);
  await p.panel.waitForSelector('[data-testid=finding][data-code="ad.orphan-start"]');
  await p.devtools.screenshot({ path: join(out, 'panel-chromium.png') });
});

test('lost-session scenario: http.session-not-found at the 404', async () => {
  assertLostSession(await scenario('lost-session', 9));
});

test('after-end scenario: http.session-gone and session.after-end at the 410', async () => {
  assertAfterEnd(await scenario('after-end', 5));
});

test('details show the body tree, the raw body and the reply with its Location', async () => {
  await scenario('clean', 48);
  await p.panel.click('[data-testid=request-row][data-event=sessionStart]');
  await (await p.panel.waitForSelector('[data-testid=tab-Body]'))?.click();
  await p.panel.waitForSelector('[data-testid=json-tree]');
  await p.panel.click('[data-testid=tab-Response]');
  await p.panel.waitForSelector('[data-testid=location]');
  const location = await p.panel.$eval('[data-testid=location]', (e) => e.textContent);
  assert.match(location ?? '', /^\/api\/v1\/sessions\/[0-9a-f]{64}$/);
});

test('export from the panel: JSON, HTML and HAR files of all sessions; Markdown to the clipboard', async () => {
  await scenario('orphan-ad', 16);
  const dir = mkdtempSync(join(tmpdir(), 'mci-export-'));
  const cdp = await p.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
  for (const format of ['json', 'html', 'har']) await p.panel.click(`[data-testid=export-${format}]`);
  const files = await waitForFiles(dir, 3);
  const json = files.find((f) => f.endsWith('.mci.json'));
  const html = files.find((f) => f.endsWith('.html'));
  const har = files.find((f) => f.endsWith('.har'));
  assert.ok(json && html && har, files.join());
  const report = JSON.parse(readFileSync(join(dir, json), 'utf8'));
  assert.equal(report.format, 'media-collection-inspector-report');
  assert.equal(report.exchanges.length, 16, 'every captured Media Collection call is in the report');
  assert.ok(report.findings.some((f: { code: string }) => f.code === 'ad.orphan-start'));
  assert.doesNotMatch(readFileSync(join(dir, html), 'utf8'), /<script/i);
  assert.equal(JSON.parse(readFileSync(join(dir, har), 'utf8')).log.entries.length, 16);
  await p.panel.click('[data-testid=export-md]');
  await p.panel.waitForFunction(() => /Copied a Markdown summary/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''));

  // The exported report, opened in the viewer, shows the same requests and findings.
  const viewer = await p.browser.newPage();
  try {
    await viewer.goto(`http://localhost:${collector.port}/viewer.html`);
    const input = await viewer.waitForSelector('[data-testid=file-input]');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(join(dir, json));
    await viewer.waitForSelector('[data-testid=request-row]');
    const view = (await viewer.evaluate(READ_PANEL)) as PanelView;
    assert.equal(view.rows.length, 16);
    assertOrphanAd(view);
  } finally {
    await viewer.close();
  }
});

async function waitForFiles(dir: string, count: number): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const files = readdirSync(dir).filter((f) => !f.endsWith('.crdownload'));
    if (files.length >= count) return files;
    await sleep(100);
  }
  return readdirSync(dir);
}

test('DevTools closed and reopened: what was captured comes back, and the panel says so', async () => {
  const before = await scenario('orphan-ad', 16);
  await p.devtools.close();
  const devtools = await p.page.openDevTools();
  const panel = await showPanel(devtools, p.extensionId);
  p = { ...p, devtools, panel };
  let view: PanelView | null = null;
  for (let i = 0; i < 40; i++) {
    view = (await panel.evaluate(READ_PANEL)) as PanelView;
    if (view.rows.length >= before.rows.length) break;
    await sleep(200);
  }
  assert.deepEqual(view?.rows.map((r) => [r.exchange, r.event, r.codes]), before.rows.map((r) => [r.exchange, r.event, r.codes]));
  // Every call the panel had is restored (a late call of the scenario before may be among them).
  const calls = /(\d+) Media Collection calls/.exec(before.status)?.[1];
  assert.ok(calls && Number(calls) >= 16, before.status);
  assert.match(view?.status ?? '', new RegExp(`Restored ${calls} requests captured before DevTools was closed`));
});
