/**
 * Security in the real panel (Chromium): the extension makes no network request of its own during
 * a whole panel session (Chromium's NetLog records every request the browser makes, with who
 * started it), and bodies full of markup and script are shown as text: none of it runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, announceVersion, assertChromium } from './chromium.ts';
import { showPanel, sleep } from './devtools-chromium.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';

const root = join(import.meta.dirname, '..', '..');
const netlog = join(mkdtempSync(join(tmpdir(), 'mci-netlog-')), 'netlog.json');
let collector: Collector;
let browser: Browser;
let page: Page;
let panel: Frame;
let extensionOrigin = '';

before(async () => {
  assertChromium();
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH, headless: true, pipe: true, defaultViewport: null,
    args: [...CHROMIUM_ARGS, `--log-net-log=${netlog}`, '--net-log-capture-mode=Default'],
    enableExtensions: [join(root, 'dist', 'chrome')],
  });
  await announceVersion(browser);
  page = await browser.newPage();
  await page.goto(`http://localhost:${collector.port}/`);
  const devtools = await page.openDevTools();
  for (let i = 0; i < 100 && !extensionOrigin; i++) {
    const t = browser.targets().find((x) => x.url().startsWith('chrome-extension://') && x.url().endsWith('/devtools.html'));
    if (t) extensionOrigin = `chrome-extension://${new URL(t.url()).host}`; // URL.origin is "null" for this scheme
    else await sleep(100);
  }
  panel = await showPanel(devtools, extensionOrigin.slice('chrome-extension://'.length));
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script></style><svg onload="window.__pwned=3">';

test('markup and script in captured bodies and URLs are shown as text, never run', async () => {
  await page.goto(`http://localhost:${collector.port}/?scenario=clean`);
  await page.waitForFunction(() => document.body.dataset.state === 'done');
  // A player sending hostile strings in every field the panel shows.
  // (Source text: the test runner's transpiler adds helpers that do not exist in the page.)
  await page.evaluate(`(async (hostile, base) => {
    const post = (path, body) => fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const ts = Date.now();
    await post('/api/v1/sessions', { playerTime: { playhead: 0, ts }, eventType: 'sessionStart', params: { 'media.id': hostile, 'media.name': hostile, 'media.playerName': 'javascript:alert(1)' }, customMetadata: { x: hostile } });
    await post('/api/v1/sessions/' + encodeURIComponent(hostile) + '/events', { playerTime: { playhead: 1, ts: ts + 10 }, eventType: hostile, params: { [hostile]: hostile } });
  })(${JSON.stringify(HOSTILE)}, ${JSON.stringify(`http://127.0.0.1:${collector.port}`)})`);
  let view: PanelView | null = null;
  for (let i = 0; i < 40; i++) {
    view = (await panel.evaluate(READ_PANEL)) as PanelView;
    if (view.rows.some((r) => r.event.includes('<img'))) break;
    await sleep(200);
  }
  const hostileRow = view?.rows.find((r) => r.event.includes('<img'));
  assert.ok(hostileRow, 'the hostile request is listed');
  await panel.type('[data-testid=filter-text]', 'onerror');
  await (await panel.waitForSelector(`[data-testid=request-row][data-exchange="${hostileRow.exchange}"]`))?.click();
  for (const tab of ['Findings', 'Body', 'Raw', 'Response']) {
    await (await panel.waitForSelector(`[data-testid=tab-${tab}]`))?.click();
    await sleep(150);
  }
  const state = (await panel.evaluate(`({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    imgs: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length,
    svgOnload: [...document.querySelectorAll('svg')].filter((s) => s.hasAttribute('onload')).length,
    text: document.body.textContent || '',
  })`)) as { pwned: number | null; imgs: number; scripts: number; svgOnload: number; text: string };
  assert.equal(state.pwned, null, 'no captured script ran');
  assert.equal(state.imgs, 0);
  assert.equal(state.scripts, 0);
  assert.equal(state.svgOnload, 0);
  assert.ok(state.text.includes('<img src=x onerror='), 'the markup is visible as text');
});

test('the extension makes no network request of its own', async () => {
  // Export a report too: the panel's busiest moment. Then let Chromium write its log.
  await panel.click('[data-testid=export-md]');
  await sleep(500);
  await browser.close();
  const log = JSON.parse(readFileSync(netlog, 'utf8').replace(/,\s*\]?\s*\}?\s*$/, ']}')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { url?: string; initiator?: string } }[];
  };
  const START = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const started = log.events.filter((e) => e.type === START && e.params?.url);
  assert.ok(started.some((e) => e.params?.url?.includes(`127.0.0.1:${collector.port}/api/v1/sessions`)), 'the log saw the page\'s own calls');
  const fromExtension = started.filter((e) => e.params?.initiator === extensionOrigin && !/^(chrome-extension|blob|data):/.test(e.params?.url ?? ''));
  assert.deepEqual(fromExtension.map((e) => e.params?.url), [], 'requests started by the extension');
  const toNetwork = started.filter((e) => e.params?.initiator?.startsWith('chrome-extension://'));
  assert.deepEqual(toNetwork.filter((e) => !/^(chrome-extension|blob|data):/.test(e.params?.url ?? '')).map((e) => e.params?.url), []);
});
