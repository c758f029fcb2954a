/**
 * Faults in the real panel (Chromium): the collector's injected 500s, a call that hangs until the
 * page navigates away (aborted mid-flight), and the navigation itself. Nothing captured is lost
 * and the panel says what happened to each call.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, sleep, type ChromiumPanel } from './devtools-chromium.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';

const root = join(import.meta.dirname, '..', '..');
let collector: Collector;
let p: ChromiumPanel;

before(async () => {
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  p = await openPanelInChromium(join(root, 'dist', 'chrome'), `http://localhost:${collector.port}/`);
});
after(async () => {
  await p?.close();
  await collector?.close();
});

/** A player session driven from the page, some calls with injected faults. */
const PLAYER = (base: string) => `(async () => {
  const base = ${JSON.stringify(base)};
  const ts0 = Date.now();
  const body = (eventType, i, extra) => JSON.stringify({ playerTime: { playhead: i, ts: ts0 + i * 1000 }, eventType, ...(extra || {}) });
  const post = (path, b) => fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: b });
  const start = await post('/api/v1/sessions', body('sessionStart', 0, { params: {
    'analytics.trackingServer': 't.example', 'analytics.reportSuite': 'rs', 'visitor.marketingCloudOrgId': 'O@AdobeOrg',
    'media.id': 'faults', 'media.length': 60, 'media.contentType': 'vod', 'media.playerName': 'p', 'media.channel': 'c' } }));
  const sid = start.headers.get('Location').split('/').pop();
  const ev = (type, i, query) => post('/api/v1/sessions/' + sid + '/events' + (query || ''), body(type, i));
  await ev('play', 1);
  await ev('ping', 11, '?fault=500');
  await ev('ping', 21, '?fault=500');
  await ev('ping', 31);
  window.__sid = sid;
  // This one never gets an answer: the page navigates away while it waits.
  ev('ping', 41, '?fault=hang').catch(() => {});
  return sid;
})()`;

test('500s, an aborted call and a navigation: every call is listed with what happened', async () => {
  await p.panel.click('[data-testid=clear]');
  const sid = (await p.page.evaluate(PLAYER(`http://127.0.0.1:${collector.port}`))) as string;
  await sleep(3500); // the hanging call waits a while, as a real one would
  await p.page.goto(`http://localhost:${collector.port}/?after-navigation`);
  let view: PanelView | null = null;
  for (let i = 0; i < 40; i++) {
    view = (await p.panel.evaluate(READ_PANEL)) as PanelView;
    if (view.rows.filter((r) => r.sid === sid).length >= 6) break;
    await sleep(200);
  }
  const rows = (view?.rows ?? []).filter((r) => r.sid === sid);
  assert.equal(rows.length, 6, JSON.stringify(view?.rows));
  assert.deepEqual(rows.map((r) => r.status), ['201', '204', '500', '500', '204', 'failed']);
  assert.ok(rows[2]?.codes.includes('http.server-error') && rows[3]?.codes.includes('http.server-error'));
  assert.ok(rows[5]?.codes.includes('http.failed'), 'the call aborted by the navigation');
  const markers = await p.panel.$$eval('[data-testid=nav-marker]', (m) => m.map((e) => e.textContent ?? ''));
  assert.ok(markers.some((m) => m.includes('after-navigation')), `navigation markers: ${markers.join(' | ')}`);
  // What the panel says about the aborted call.
  const failed = rows[5];
  await p.panel.type('[data-testid=filter-text]', 'http.failed');
  await (await p.panel.waitForSelector(`[data-testid=request-row][data-exchange="${failed?.exchange}"]`))?.click();
  const finding = await p.panel.waitForSelector('[data-testid=finding][data-code="http.failed"]');
  const message = (await finding?.evaluate((e) => e.textContent)) ?? '';
  assert.match(message, /No reply was received/);
});
